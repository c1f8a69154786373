"""Reports and exports: PDFs (reportlab) and CSV/XLSX/HXL from plain dataclasses. No Qt, no SQL."""
