"""Pull: pages of the campaign's changes after a cursor, never the device's own."""

from __future__ import annotations

from helpers.sync_server import SyncApi, insert_change


def test_pull_pages_through_with_the_cursor_and_more(api: SyncApi) -> None:
    campaign_id = api.new_campaign()
    writer, reader = api.enrol(campaign_id), api.enrol(campaign_id)
    batch = [insert_change(device_id=writer.id, campaign_id=campaign_id) for _ in range(7)]
    api.push(writer, batch)
    seen: list[str] = []
    cursor, pages = 0, 0
    while True:
        page = api.pull(reader, cursor=cursor, limit=3)
        pages += 1
        seen += [c["change_id"] for c in page["changes"]]
        assert page["next_cursor"] >= cursor
        cursor = page["next_cursor"]
        if not page["more"]:
            break
    assert pages == 3  # 1 campaign row + 7 changes = 8, in pages of 3
    assert seen[1:] == [c["change_id"] for c in batch]
    assert api.pull(reader, cursor=cursor) == {"changes": [], "next_cursor": cursor, "more": False}


def test_pull_excludes_own_changes_and_moves_the_cursor_past_them(api: SyncApi) -> None:
    campaign_id = api.new_campaign()
    device = api.enrol(campaign_id)
    first = api.pull(device)
    results = api.push(device, [insert_change(device_id=device.id, campaign_id=campaign_id)])
    page = api.pull(device, cursor=first["next_cursor"])
    assert page["changes"] == []
    assert page["next_cursor"] == results[0]["server_seq"]
    assert page["more"] is False


def test_pull_returns_the_campaign_row_made_by_the_server(api: SyncApi) -> None:
    campaign_id = api.new_campaign(name="Hiver Azilal", province="04.091")
    device = api.enrol(campaign_id)
    (change,) = api.pull(device)["changes"]
    assert change["table"] == "campaign"
    assert change["op"] == "insert"
    assert change["row_id"] == campaign_id
    assert change["device_id"] == "server"
    row = change["value"]
    assert row["campaign_id"] == campaign_id
    assert row["name"] == "Hiver Azilal"
    assert row["province_code"] == "04.091"
    assert row["status"] == "active"
    assert row["deleted"] == 0
    assert row["hlc"].endswith("-server")


def test_a_device_never_receives_another_campaigns_changes(api: SyncApi) -> None:
    mine, theirs = api.new_campaign(), api.new_campaign(name="Hiver Ifrane", province="08.311")
    device, other = api.enrol(mine), api.enrol(theirs)
    api.push(other, [insert_change(device_id=other.id, campaign_id=theirs) for _ in range(3)])
    page = api.pull(device)
    assert {c["campaign_id"] for c in page["changes"]} == {mine}
    assert [c["table"] for c in page["changes"]] == ["campaign"]


def test_a_limit_above_the_maximum_is_capped_and_a_negative_cursor_refused(api: SyncApi) -> None:
    campaign_id = api.new_campaign()
    device = api.enrol(campaign_id)
    assert api.pull(device, limit=10**9)["more"] is False
    response = api.client.get("/v1/pull", params={"cursor": -1}, headers=device.auth)
    assert response.status_code == 422
    assert response.json()["error"] == "unreadable_body"
