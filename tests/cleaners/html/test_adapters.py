from cleaners.html.adapters import choose
from cleaners.html.dom import paragraphs, parse
from cleaners.html.metadata import read_metadata


def names(html: str) -> list[str]:
    tree = parse(html)
    return [a.name for a in choose(tree, read_metadata(tree), html)]


def test_adapter_is_chosen_by_domain_site_name_or_markup():
    assert names('<link rel="canonical" href="https://edition.cnn.com/x">') == ["cnn", "generic"]
    assert names('<meta property="og:url" content="https://www.cnn.com/x">') == ["cnn", "generic"]
    assert names('<meta property="og:site_name" content="CNN International">') == ["cnn", "generic"]
    assert names('<div class="article__content"><p>x</p></div>') == ["cnn", "generic"]
    assert names('<link rel="canonical" href="https://notcnn.com.example/x"><p>x</p>') == ["generic"]
    assert names('<link rel="canonical" href="https://example.org/cnn.com/x"><p>x</p>') == ["generic"]


def test_paragraphs_reads_blocks_and_br_separated_runs():
    tree = parse("<div><p>One <b>two</b>.</p>loose text<br><br>after break<ul><li>item</li></ul>"
                 "<script>var x;</script><!-- comment --></div>")
    assert paragraphs(tree.find(".//div")) == ["One two.", "loose text", "after break", "item"]


def test_paragraphs_can_leave_out_elements_and_reads_around_them():
    tree = parse('<div><p>Kept.</p><div class="share"><p>Left out.</p></div>tail stays'
                 '<p>Before <a class="related">left out too</a> after.</p></div>')
    div = tree.find(".//div")
    skip = {tree.find('.//div[@class="share"]'), tree.find(".//a")}
    assert paragraphs(div, skip=skip) == ["Kept.", "tail stays", "Before after."]
    assert paragraphs(div) == ["Kept.", "Left out.", "tail stays", "Before left out too after."]
