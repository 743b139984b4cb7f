"""Local inputs: planning, text files with sidecars, JSONL, HTML, stdin and bad input."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from ingest_samples import ARTICLE_TEXT, OTHER_TEXT, PAGE_HTML

from sitrep.config import IngestSettings
from sitrep.errors import ConfigError
from sitrep.ingest import ArticleMeta, Source, iter_articles, load_source, plan_sources
from sitrep.ingest.files import load_stdin
from sitrep.ingest.meta import NO_DATE_WARNING
from sitrep.model import Article, Failure, content_hash


def _one(path: Path, settings: IngestSettings, meta: ArticleMeta | None = None) -> Article:
    [result] = load_source(plan_sources([str(path)])[0], settings=settings, meta=meta)
    assert isinstance(result, Article), result
    return result


def _fail(path: Path, settings: IngestSettings) -> Failure:
    [result] = load_source(plan_sources([str(path)])[0], settings=settings)
    assert isinstance(result, Failure), result
    assert result.stage == "ingest"
    assert result.source == str(path)
    return result


# --- planning ---------------------------------------------------------------------------


def test_plan_expands_nested_folders_sorted_and_skips_non_articles(tmp_path: Path) -> None:
    for rel in [
        "b.txt",
        "a.txt",
        "a.json",
        "README.txt",
        "notes.md",
        ".hidden.txt",
        "feed.jsonl",
        "page.HTML",
        "image.png",
        "sub/z.htm",
        "sub/deeper/c.txt",
        ".git/x.txt",
    ]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(ARTICLE_TEXT)
    sources = plan_sources([str(tmp_path)])
    rels = [Path(s.location).relative_to(tmp_path).as_posix() for s in sources]
    assert rels == ["a.txt", "b.txt", "feed.jsonl", "page.HTML", "sub/z.htm", "sub/deeper/c.txt"]
    assert [s.format for s in sources] == ["txt", "txt", "jsonl", "html", "html", "txt"]
    assert plan_sources([str(tmp_path)]) == sources


def test_plan_keeps_urls_stdin_and_order_without_duplicates(tmp_path: Path) -> None:
    f = tmp_path / "one.txt"
    f.write_text(ARTICLE_TEXT)
    sources = plan_sources(["https://example.org/a", "-", str(f), str(f)])
    assert sources == [
        Source("url", "https://example.org/a"),
        Source("stdin", "-"),
        Source("file", str(f), "txt"),
    ]


def test_plan_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file or folder") as info:
        plan_sources([str(tmp_path / "nope.txt")])
    assert "\n" not in str(info.value)


def test_plan_rejects_other_url_schemes() -> None:
    with pytest.raises(ConfigError, match="unsupported URL scheme"):
        plan_sources(["ftp://example.org/a.txt"])


# --- text files and sidecars ------------------------------------------------------------


def test_txt_without_metadata_warns_about_missing_date(tmp_path: Path, settings) -> None:
    path = tmp_path / "sudzha.txt"
    path.write_text(ARTICLE_TEXT + "\n\n\n\n", encoding="utf-8")
    article = _one(path, settings)
    assert article.text == ARTICLE_TEXT
    assert article.article_id == content_hash(ARTICLE_TEXT)
    assert article.published is None
    assert NO_DATE_WARNING in article.warnings
    assert article.input_id == "sudzha"
    assert article.source == str(path)
    assert article.fetched_at is None


def test_txt_takes_sidecar_metadata(tmp_path: Path, settings) -> None:
    path = tmp_path / "sudzha.txt"
    path.write_text(ARTICLE_TEXT)
    sidecar = {
        "published": "March 13, 2025",
        "outlet": "Frontline Wire",
        "url": "https://frontline.example/sudzha",
        "title": "Troops pulled back",
        "id": "fw-0313",
    }
    path.with_suffix(".json").write_text(json.dumps(sidecar))
    article = _one(path, settings)
    assert article.published == dt.date(2025, 3, 13)
    assert article.outlet == "Frontline Wire"
    assert article.url == "https://frontline.example/sudzha"
    assert article.title == "Troops pulled back"
    assert article.input_id == "fw-0313"
    assert article.warnings == ()


def test_flags_override_sidecar(tmp_path: Path, settings) -> None:
    path = tmp_path / "sudzha.txt"
    path.write_text(ARTICLE_TEXT)
    path.with_suffix(".json").write_text(
        json.dumps({"published": "2025-03-13", "outlet": "Frontline Wire", "title": "Sidecar"})
    )
    meta = ArticleMeta(published=dt.date(2025, 3, 14), outlet="Flag Outlet")
    article = _one(path, settings, meta)
    assert article.published == dt.date(2025, 3, 14)
    assert article.outlet == "Flag Outlet"
    assert article.title == "Sidecar"


def test_unparsable_sidecar_date_warns(tmp_path: Path, settings) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE_TEXT)
    path.with_suffix(".json").write_text(json.dumps({"published": "last Thursday"}))
    article = _one(path, settings)
    assert article.published is None
    assert any("unparsable publication date 'last Thursday'" in w for w in article.warnings)
    assert NO_DATE_WARNING in article.warnings


def test_broken_sidecar_is_a_failure(tmp_path: Path, settings) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE_TEXT)
    path.with_suffix(".json").write_text("{not json")
    assert "sidecar a.json is not valid JSON" in _fail(path, settings).reason


def test_same_text_gives_same_id_whatever_the_metadata(tmp_path: Path, settings) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE_TEXT)
    b.write_bytes(("  " + ARTICLE_TEXT.replace("\n", "   \r\n") + "\r\n").encode())
    b.with_suffix(".json").write_text(json.dumps({"outlet": "Other", "published": "2025-01-01"}))
    first, second = _one(a, settings), _one(b, settings)
    assert first.article_id == second.article_id
    assert first.text == second.text


# --- bad input --------------------------------------------------------------------------


def test_empty_file(tmp_path: Path, settings) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert _fail(path, settings).reason == "empty file"


def test_whitespace_only_file(tmp_path: Path, settings) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n\t \n")
    assert _fail(path, settings).reason == "empty file"


def test_binary_file(tmp_path: Path, settings) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert "binary" in _fail(path, settings).reason


def test_undecodable_file(tmp_path: Path, settings) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 256)) * 3)
    reason = _fail(path, settings).reason
    assert reason == "not UTF-8 and no reliable encoding guess" or "binary" in reason


def test_latin1_file_is_decoded_with_a_warning(tmp_path: Path, settings) -> None:
    text = (
        "Le ministère français des Affaires étrangères a déclaré jeudi que les négociations "
        "de Riyad avaient progressé. Les délégations se réuniront à nouveau la semaine "
        "prochaine pour préparer un accord sur la mer Noire, a précisé le porte-parole."
    )
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    article = _one(path, settings)
    assert article.text == text
    assert any(w.startswith("not UTF-8: decoded as") for w in article.warnings)


def test_cp1252_curly_quotes_are_kept(tmp_path: Path, settings) -> None:
    text = "Officials called the withdrawal “tactical” – a word Moscow’s envoy rejected."
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    assert _one(path, settings).text == text


def test_utf8_bom_is_dropped_without_warning(tmp_path: Path, settings) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE_TEXT.encode())
    article = _one(path, settings)
    assert article.text == ARTICLE_TEXT
    assert article.warnings == (NO_DATE_WARNING,)


def test_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(ARTICLE_TEXT * 20_000)
    settings = IngestSettings(max_bytes=2_000_000)
    reason = _fail(path, settings).reason
    assert reason.startswith("huge: ")
    assert reason.endswith("MB > ingest.max_bytes 2.0 MB")


def test_too_short(tmp_path: Path, settings) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Shelling overnight.\n")
    assert _fail(path, settings).reason == "too short: 19 chars < ingest.min_chars 40"


# --- JSON Lines -------------------------------------------------------------------------


def test_jsonl_bad_line_among_good_ones(tmp_path: Path, settings) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps(
            {
                "id": "a1",
                "text": ARTICLE_TEXT,
                "published": "2025-03-13T09:30:00Z",
                "url": "https://frontline.example/a1",
                "outlet": "Frontline Wire",
                "title": "Sudzha",
            }
        ),
        "{this is not json",
        "",
        json.dumps({"text": OTHER_TEXT, "published": "Tue, 11 Mar 2025 12:00:00 GMT"}),
        json.dumps({"id": 7, "title": "no text here"}),
        json.dumps(["a", "list"]),
    ]
    path.write_text("\n".join(lines) + "\n")
    results = load_source(plan_sources([str(path)])[0], settings=settings)
    assert [type(r).__name__ for r in results] == [
        "Article",
        "Failure",
        "Article",
        "Failure",
        "Failure",
    ]
    first, bad, second, no_text, not_object = results
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.input_id == "a1" and first.published == dt.date(2025, 3, 13)
    assert first.outlet == "Frontline Wire" and first.title == "Sudzha"
    assert first.url == "https://frontline.example/a1"
    assert first.source == str(path)
    assert second.input_id == "batch:4" and second.published == dt.date(2025, 3, 11)
    assert isinstance(bad, Failure) and bad.reason.startswith("line 2: invalid JSON")
    assert bad.source == f"{path}:2"
    assert isinstance(no_text, Failure) and no_text.reason.startswith('line 5: no "text"')
    assert isinstance(not_object, Failure) and "expected a JSON object" in not_object.reason


def test_jsonl_line_too_large(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps({"text": ARTICLE_TEXT * 10}) + "\n" + json.dumps({"text": ARTICLE_TEXT}) + "\n"
    )
    results = load_source(plan_sources([str(path)])[0], settings=IngestSettings(max_bytes=1000))
    assert isinstance(results[0], Failure) and "huge" in results[0].reason
    assert isinstance(results[1], Article)


def test_jsonl_flags_win(tmp_path: Path, settings) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"text": ARTICLE_TEXT, "outlet": "Line"}) + "\n")
    [article] = load_source(
        plan_sources([str(path)])[0], settings=settings, meta=ArticleMeta(outlet="Flag")
    )
    assert isinstance(article, Article) and article.outlet == "Flag"


def test_empty_jsonl(tmp_path: Path, settings) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n\n")
    assert _fail(path, settings).reason == "empty file"


# --- HTML files -------------------------------------------------------------------------


def test_html_page_text_and_metadata(tmp_path: Path, settings) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE_HTML)
    article = _one(path, settings)
    assert "Russia’s defence ministry claimed" in article.text
    assert "All rights reserved" not in article.text
    assert "About us" not in article.text
    assert article.title == "Ukraine says troops pulled back from Sudzha"
    assert article.outlet == "Frontline Wire"
    assert article.published == dt.date(2025, 3, 13)
    assert article.url == "https://frontline.example/2025/03/13/sudzha-withdrawal"
    assert article.warnings == ()


def test_html_flags_and_sidecar_win_over_page(tmp_path: Path, settings) -> None:
    path = tmp_path / "page.htm"
    path.write_text(PAGE_HTML)
    path.with_suffix(".json").write_text(json.dumps({"title": "Sidecar title"}))
    article = _one(path, settings, ArticleMeta(outlet="Flag Outlet"))
    assert article.outlet == "Flag Outlet"
    assert article.title == "Sidecar title"
    assert article.published == dt.date(2025, 3, 13)


def test_html_without_text(tmp_path: Path, settings) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>x</title></head><body></body></html>")
    assert "no main text" in _fail(path, settings).reason


def test_html_that_is_not_html(tmp_path: Path, settings) -> None:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_TEXT)
    assert "unparsable HTML" in _fail(path, settings).reason


# --- stdin and the convenience iterator -------------------------------------------------


def test_stdin_text(settings) -> None:
    stream = io.BytesIO(ARTICLE_TEXT.encode())
    [article] = load_stdin(
        settings=settings, meta=ArticleMeta(published=dt.date(2025, 3, 13)), stream=stream
    )
    assert isinstance(article, Article)
    assert article.input_id == "stdin" and article.source == "<stdin>"
    assert article.published == dt.date(2025, 3, 13)


def test_stdin_jsonl(settings) -> None:
    data = (json.dumps({"id": "x", "text": ARTICLE_TEXT}) + "\n" + "oops\n").encode()
    results = load_stdin(settings=settings, meta=None, stream=io.BytesIO(data))
    assert isinstance(results[0], Article) and results[0].input_id == "x"
    assert isinstance(results[1], Failure) and results[1].reason.startswith("line 2")


def test_stdin_via_load_source(monkeypatch: pytest.MonkeyPatch, settings) -> None:
    fake = io.TextIOWrapper(io.BytesIO(OTHER_TEXT.encode()))
    monkeypatch.setattr("sys.stdin", fake)
    [article] = load_source(Source("stdin", "-"), settings=settings)
    assert isinstance(article, Article) and article.text == OTHER_TEXT


def test_iter_articles_over_a_folder(tmp_path: Path, settings) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE_TEXT)
    (tmp_path / "sub" / "b.txt").write_text(OTHER_TEXT)
    (tmp_path / "sub" / "c.txt").write_text(ARTICLE_TEXT)
    (tmp_path / "sub" / "empty.txt").write_text("")
    results = list(iter_articles([str(tmp_path)], settings=settings))
    articles = [r for r in results if isinstance(r, Article)]
    failures = [r for r in results if isinstance(r, Failure)]
    assert [a.input_id for a in articles] == ["a", "b", "c"]
    assert articles[0].article_id == articles[2].article_id
    assert [f.reason for f in failures] == ["empty file"]


def test_file_removed_after_planning(tmp_path: Path, settings) -> None:
    path = tmp_path / "gone.txt"
    path.write_text(ARTICLE_TEXT)
    [source] = plan_sources([str(path)])
    path.unlink()
    [failure] = load_source(source, settings=settings)
    assert isinstance(failure, Failure) and failure.reason.startswith("cannot read")


def test_html_file_with_meta_charset(tmp_path: Path, settings) -> None:
    path = tmp_path / "legacy.html"
    html = PAGE_HTML.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    path.write_bytes(html.encode("cp1252"))
    article = _one(path, settings)
    assert "Russia’s defence ministry claimed" in article.text
    assert article.warnings == ()
