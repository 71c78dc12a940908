from rhia.assistant import richtext


def test_sanitize_keeps_only_simple_formatting():
    dirty = '<p onclick="x()">Bonjour <script>alert(1)</script><a href="javascript:x">lien</a> <b>gras</b> <img src=x onerror=y></p><ul><li style="c">un</li></ul>'
    clean = richtext.sanitize(dirty)
    assert "script" not in clean and "onclick" not in clean and "href" not in clean and "img" not in clean
    assert "<b>gras</b>" in clean and "<ul><li>un</li></ul>" in clean


def test_text_round_trip():
    text = "Bonjour,\n\nVoici les étapes :\n- demande écrite\n- avis du chef de service\n\n1. un\n2. deux\n\nCordialement <équipe>"
    markup = richtext.from_text(text)
    assert "&lt;équipe&gt;" in markup
    assert "<ul><li>demande écrite</li>" in markup and "<ol><li>un</li>" in markup
    assert richtext.to_text(markup).split() == text.split()


def test_to_text_of_editor_markup():
    markup = "<div>Ligne <b>un</b></div><div>Ligne deux<br>suite</div><ul><li>a</li><li>b</li></ul>"
    assert richtext.to_text(markup) == "Ligne un\n\nLigne deux\nsuite\n- a\n- b"
