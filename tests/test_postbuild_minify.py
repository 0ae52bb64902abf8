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


def test_the_site_s_own_assets_become_one_stylesheet_and_one_script_in_mkdocs_order(tmp_path):
    from build_scripts.postbuild.bundle import bundle_assets
    from build_scripts.project import Project

    (tmp_path / "mkdocs.yml").write_text(
        "site_name: S\nextra_css: [assets/stylesheets/a.css, assets/stylesheets/b.css]\n"
        "extra_javascript: [assets/javascripts/one.js, {path: assets/javascripts/mod.js, type: module},"
        " assets/javascripts/two.js]\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    for name, text in {
        "stylesheets/a.css": ".a{color:red}",
        "stylesheets/b.css": ".b{color:blue}",
        "stylesheets/print.css": "@page{margin:1cm}.c{display:none}",
        "javascripts/one.js": "var one=1",
        "javascripts/two.js": "var two=one+1;",
        "javascripts/mod.js": "export {}",
    }.items():
        (site / "assets" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "assets" / name).write_text(text, encoding="utf-8")
    tags = (
        '<link rel="stylesheet" href="{p}assets/stylesheets/main.min.css">\n'
        '<link rel="stylesheet" href="{p}assets/stylesheets/a.css">\n'
        '<link rel="stylesheet" href="{p}assets/stylesheets/b.css">\n'
        '<link rel="stylesheet" href="{p}assets/stylesheets/print.css" media="print">\n'
        '<script src="{p}assets/javascripts/one.js"></script>\n'
        '<script type="module" src="{p}assets/javascripts/mod.js"></script>\n'
        '<script src="{p}assets/javascripts/two.js"></script>\n'
    )
    (site / "index.html").write_text(tags.format(p=""), encoding="utf-8")
    (site / "deep" / "page").mkdir(parents=True)
    (site / "deep" / "page" / "index.html").write_text(tags.format(p="../../"), encoding="utf-8")
    (site / "old").mkdir()
    redirect = '<script src="../assets/javascripts/one.js"></script>\n'
    (site / "old" / "index.html").write_text(redirect, encoding="utf-8")

    bundle_assets(site, Project(tmp_path))

    css = next((site / "assets" / "stylesheets").glob("site.*.css"))
    js = next((site / "assets" / "javascripts").glob("site.*.js"))
    assert css.read_text() == ".a{color:red}\n.b{color:blue}\n@media print{@page{margin:1cm}.c{display:none}}\n"
    assert js.read_text() == "var one=1;\nvar two=one+1;\n"
    deep = (site / "deep" / "page" / "index.html").read_text()
    assert deep == (
        '<link rel="stylesheet" href="../../assets/stylesheets/main.min.css">\n'
        f'<link rel="stylesheet" href="../../assets/stylesheets/{css.name}">\n'
        f'<script src="../../assets/javascripts/{js.name}"></script>\n'
        '<script type="module" src="../../assets/javascripts/mod.js"></script>\n'
    )
    assert f'href="assets/stylesheets/{css.name}"' in (site / "index.html").read_text()
    assert (site / "old" / "index.html").read_text() == redirect  # not every tag: left alone
