def test_it_serves_the_home_page_naming_the_service(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Coaction Hub" in response.content
