"""The public JSON autocomplete endpoints."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_skills_endpoint(client: FlaskClient) -> None:
    response = client.get("/reference/skills", query_string={"q": "han dien", "limit": "3"})
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert 1 <= len(results) <= 3
    assert results[0]["slug"] == "han-ho-quang-tay"
    assert set(results[0]) == {"id", "slug", "label", "name_en", "category"}


def test_units_endpoint_filters_and_labels(client: FlaskClient) -> None:
    response = client.get(
        "/reference/units", query_string={"q": "cam giang", "version": "legacy", "level": "commune"}
    )
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert results and all(r["version"] == "legacy" and r["level"] == "commune" for r in results)
    assert results[0]["label"] == "Thị trấn Cẩm Giang, Huyện Cẩm Giàng, Tỉnh Hải Dương"
    narrowed = client.get(
        "/reference/units", query_string={"q": "cam giang", "version": "2025", "province": "31"}
    ).get_json()["results"]
    assert {r["code"] for r in narrowed} == {"10888", "10903"}


def test_occupations_endpoint(client: FlaskClient) -> None:
    response = client.get("/reference/occupations", query_string={"q": "lắp ráp", "level": "4"})
    assert response.status_code == 200
    codes = [r["code"] for r in response.get_json()["results"]]
    assert "8202" in codes and all(len(code) == 4 for code in codes)


def test_bad_parameters_get_a_json_400(client: FlaskClient) -> None:
    for path, params in [
        ("/reference/skills", {}),
        ("/reference/skills", {"q": " -- "}),
        ("/reference/skills", {"q": "x" * 101}),
        ("/reference/skills", {"q": "han", "limit": "0"}),
        ("/reference/skills", {"q": "han", "limit": "abc"}),
        ("/reference/units", {"q": "cam", "version": "2024"}),
        ("/reference/units", {"q": "cam", "level": "village"}),
        ("/reference/units", {"q": "cam", "province": "3"}),
        ("/reference/occupations", {"q": "han", "level": "9"}),
    ]:
        response = client.get(path, query_string=params)
        assert response.status_code == 400, (path, params)
        assert response.is_json and response.get_json()["error"]


def test_endpoints_are_public(client: FlaskClient) -> None:
    for path in ("/reference/skills", "/reference/units", "/reference/occupations"):
        assert client.get(path, query_string={"q": "a"}).status_code == 200
