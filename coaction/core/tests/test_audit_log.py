from auditlog.context import set_actor
from auditlog.models import LogEntry

from coaction.organisations.actions import do_update_organisation


def update(acting_user, organisation, **changes):
    form_data = {
        "description": organisation.description,
        "communities": [],
        "languages": [],
        "specialisms": [],
        "areas": [],
    }
    form_data.update(changes)
    return do_update_organisation(
        acting_user=acting_user,
        organisation=organisation,
        form_data=form_data,
        identifiers=[],
        declarations={},
    )


def updates_to(organisation):
    return LogEntry.objects.get_for_object(organisation).filter(action=LogEntry.Action.UPDATE)


def test_it_records_who_changed_an_organisation_and_what_changed(alice, org_a):
    with set_actor(alice, remote_addr="192.0.2.10"):
        update(alice, org_a, description="Support for South Asian women in Northbridge.")

    entry = updates_to(org_a).get()
    assert entry.actor == alice
    assert entry.remote_addr == "192.0.2.10"
    assert entry.changes_dict["description"] == [
        "",
        "Support for South Asian women in Northbridge.",
    ]


def test_a_change_without_an_actor_is_still_recorded_with_no_actor(alice, org_a):
    update(alice, org_a, description="Changed by a script")
    entry = updates_to(org_a).get()
    assert entry.actor is None
    assert "description" in entry.changes_dict


def test_saving_without_changes_writes_no_update(alice, org_a):
    with set_actor(alice):
        update(alice, org_a)
    assert not updates_to(org_a).exists()


def test_a_change_inside_a_request_names_the_signed_in_person(client, alice, org_a):
    client.force_login(alice)
    org_a.refresh_from_db()

    response = client.post(
        f"/organisations/{org_a.slug}/edit/",
        {
            "name": org_a.name,
            "description": "Changed through the edit page.",
            "leadership_type": org_a.leadership_type,
            "income_band": "under_100k",
            "identifiers": "",
        },
    )

    assert response.status_code == 302
    entry = updates_to(org_a).get()
    assert entry.actor == alice
    assert entry.remote_addr == "127.0.0.1"
    assert entry.changes_dict["description"][1] == "Changed through the edit page."
