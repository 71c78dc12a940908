from rhia.privacy.checksums import iban_valid, luhn_valid, nir_key, nir_valid, siren_valid, siret_valid


def test_nir_key_valid_and_invalid():
    assert nir_key("1850578006084") == 97 - 1850578006084 % 97
    body = "2690149588157"
    good = f"{body}{nir_key(body):02d}"
    assert nir_valid(good)
    assert nir_valid(" ".join([good[0], good[1:3], good[3:5], good[5:7], good[7:10], good[10:13], good[13:]]))
    bad_key = f"{body}{(nir_key(body) % 97) + 1:02d}"
    assert not nir_valid(bad_key)
    assert not nir_valid(good[:-1])  # too short
    assert not nir_valid("9" + good[1:])  # sex digit


def test_nir_corsica():
    body_2a = "1910220646643"[:5] + "2A" + "646643"
    key = 97 - int(body_2a.replace("2A", "19")) % 97
    assert nir_valid(f"{body_2a}{key:02d}")
    assert not nir_valid(f"{body_2a.replace('2A', '2B')}{key:02d}")
    body_2b = body_2a.replace("2A", "2B")
    key_b = 97 - int(body_2b.replace("2B", "18")) % 97
    assert nir_valid(f"{body_2b}{key_b:02d}")


def test_iban_any_country():
    assert iban_valid("FR76 3000 6000 0112 3456 7890 189")
    assert iban_valid("DE89370400440532013000")
    assert iban_valid("GB82 WEST 1234 5698 7654 32")
    assert not iban_valid("FR76 3000 6000 0112 3456 7890 188")
    assert not iban_valid("DE89370400440532013001")
    assert not iban_valid("FR7630006000011234567890")  # wrong length for FR


def test_siren_siret_luhn():
    assert luhn_valid("732829320")
    assert siren_valid("732 829 320")
    assert not siren_valid("732829321")
    assert siret_valid("73282932000074")
    assert not siret_valid("73282932000075")
    assert siret_valid("35600000000048")  # La Poste headquarters (Luhn)
    assert siret_valid("35600000000001")  # La Poste establishments: digit sum multiple of 5
    assert not luhn_valid("")
