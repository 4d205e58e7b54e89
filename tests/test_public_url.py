"""The ticket QR's URL: derived from the address the server listens on, and checked."""

from dataclasses import replace

from motcua.config import load_config
from motcua.public_url import Reach, base_url, check, of_url, resolve

LAN = ["192.168.5.20"]


def config(public_url: str = "", host: str = "0.0.0.0", port: int = 8080):
    c = load_config()
    return replace(
        c,
        center=replace(c.center, public_url=public_url),
        server=replace(c.server, host=host, port=port),
    )


def test_the_demo_configures_no_url_so_the_server_address_is_used():
    assert load_config().center.public_url == ""


def test_a_wildcard_host_becomes_this_machines_lan_address():
    r = check(config(), addresses=LAN)
    assert r.url == "http://192.168.5.20:8080"
    assert r.reach is Reach.LAN and r.ok
    assert "Wi-Fi của trung tâm" in r.message_vi


def test_the_really_bound_port_is_used():
    assert check(config(port=0), "0.0.0.0", 41234, addresses=LAN).url == (
        "http://192.168.5.20:41234"
    )


def test_loopback_listen_names_server_host():
    r = check(config(host="127.0.0.1"), addresses=LAN)
    assert r.url == "http://127.0.0.1:8080"
    assert not r.ok and r.key == "[server] host"
    assert '[server] host = "127.0.0.1"' in r.message_vi
    assert "0.0.0.0" in r.message_en


def test_no_lan_address_at_all_says_so():
    r = check(config(), addresses=[])
    assert r.url == "http://127.0.0.1:8080" and not r.ok
    assert "[center] public_url" in r.message_vi


def test_a_configured_loopback_url_names_the_key():
    r = check(config("http://127.0.0.1:8080"), addresses=LAN)
    assert not r.ok and r.key == "[center] public_url"
    assert '[center] public_url = "http://127.0.0.1:8080"' in r.message_vi
    assert "phones cannot open it" in r.message_en


def test_a_configured_address_that_is_not_this_machine_is_flagged():
    # the old demo value: the QR led nowhere
    r = check(config("http://192.168.1.10:8080/"), addresses=LAN)
    assert r.url == "http://192.168.1.10:8080"
    assert not r.ok and "192.168.5.20" in r.message_vi


def test_a_configured_port_other_than_the_listening_one_is_flagged():
    r = check(config("http://192.168.5.20:9000"), addresses=LAN)
    assert not r.ok and "9000" in r.message_vi and "8080" in r.message_vi


def test_a_configured_name_is_kept_unresolved():
    r = check(config("https://pvhcc.example.vn"), addresses=LAN)
    assert r.url == "https://pvhcc.example.vn" and r.reach is Reach.UNKNOWN and r.ok


def test_a_public_address_reaches_every_phone():
    r = check(config("http://203.113.10.4:8080"), addresses=["203.113.10.4"])
    assert r.reach is Reach.PHONES


def test_not_a_url():
    assert not check(config("pvhcc.lan"), addresses=LAN).ok


def test_no_server_here():
    r = check(config(), serving=False, addresses=LAN)
    assert not r.ok and "--no-serve" in r.message_vi


def test_resolve_puts_the_url_where_tickets_read_it(caplog):
    c, r = resolve(config(host="127.0.0.1"), addresses=LAN)
    assert c.center.public_url == r.url == "http://127.0.0.1:8080"
    assert base_url(c) == r.url
    assert any("[server] host" in m for m in caplog.messages)  # said at start


def test_a_joined_kiosk_judges_the_centers_url_by_itself():
    assert of_url("http://127.0.0.1:8080", "--server").reach is Reach.NOBODY
    assert of_url("http://10.0.0.2:8080", "--server").reach is Reach.LAN
