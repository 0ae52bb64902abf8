"""The post-build minifier: the site's own CSS and JS lose their comments, Material's and the
vendored files are left alone (the browser tests run every script of the minified site)."""

from build_scripts.postbuild.minify import minify_assets


def test_minify_keeps_rules_and_code_and_drops_comments(tmp_path):
    assets = tmp_path / "assets"
    (assets / "stylesheets").mkdir(parents=True)
    (assets / "javascripts").mkdir()
    (assets / "vendor").mkdir()
    css = assets / "stylesheets" / "site.css"
    css.write_text("/* why this rule */\n.a {\n  color: red;\n}\n", encoding="utf-8")
    js = assets / "javascripts" / "x.js"
    js.write_text('/* header */\n(function () {\n  // note\n  var s = "// not a comment";\n})();\n')
    material = assets / "stylesheets" / "main.abc.min.css"
    material.write_text("/* kept */ .b{}", encoding="utf-8")
    vendored = assets / "vendor" / "lib.js"
    vendored.write_text("/* licence */ var v;", encoding="utf-8")
    minify_assets(tmp_path, None)
    assert css.read_text() == ".a{color:red}"
    assert "header" not in js.read_text() and "note" not in js.read_text()
    assert '"// not a comment"' in js.read_text()
    assert material.read_text() == "/* kept */ .b{}" and vendored.read_text() == "/* licence */ var v;"
