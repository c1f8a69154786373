; Inno Setup 6 script: the Windows installer around the PyInstaller onedir.
;
; Build it on a Windows machine, from the repository root:
;   py -3.11 -m venv .venv && .venv\Scripts\pip install -e ".[bundle]"
;   .venv\Scripts\pyinstaller --noconfirm --clean build_installer.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\coldwave.iss
; (the version is the one `dist\coldwave\coldwave.exe --version` prints). The installer
; is written to dist\coldwave-<version>-setup.exe.
;
; Per-user install: no administrator rights, the program goes to
; %LOCALAPPDATA%\Programs\coldwave. The data (the encrypted database, its keys, backups
; and logs) lives in %LOCALAPPDATA%\coldwave\data, outside the program folder: Inno
; Setup only removes what it installed, so uninstalling or upgrading keeps a season's data.
;
; NOT YET BUILT OR TESTED on Windows: PyInstaller does not cross-compile, and only the
; Linux bundle is built and run by tests/test_bundle.py.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\coldwave.iss
#endif

#define AppName "coldwave"
#define AppExe "coldwave.exe"
#define DataDir "{localappdata}\coldwave\data"

[Setup]
; Keep this AppId for every release: upgrades are recognised by it.
AppId={{6F0C2B1E-6A43-4C55-9B7E-2E1C4D0A9F31}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=coldwave
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=coldwave-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesEnvironment=yes
UninstallDisplayIcon={app}\{#AppExe}

[Languages]
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "dist\coldwave\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Dirs]
; Created at install, never listed for removal: uninstalling keeps the data.
Name: "{#DataDir}"; Flags: uninsneveruninstall

[Registry]
; So that `coldwave` commands typed in a terminal find the same data directory.
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "COLDWAVE_DATA_DIR"; ValueData: "{#DataDir}"; Flags: uninsdeletevalue

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Parameters: "open --data-dir ""{#DataDir}"""; WorkingDir: "{#DataDir}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"

[Run]
Filename: "{app}\{#AppExe}"; Parameters: "open --data-dir ""{#DataDir}"""; WorkingDir: "{#DataDir}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
