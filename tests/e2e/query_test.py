#!/usr/bin/env python3
"""End to end for asking the graph: the built dyad extracts tests/fixtures/query/ (four short texts
of our own about Mexico and the United States, Chile and Peru, India and Pakistan) and the answers
of stats --top, query, assess, export --focus and diff are checked exactly; networkx recomputes the
centrality figures independently; headless Chromium opens the HTML report.

Usage: query_test.py DYAD SOURCE_DIR [unittest arguments, e.g. Chromium]
The Chromium class exits 77 (skipped) when chromium is not installed, and only then."""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

DYAD = os.path.abspath(sys.argv.pop(1))
SOURCE = Path(sys.argv.pop(1)).resolve()
FIXTURES = SOURCE / "tests" / "fixtures" / "query"
TEXTS = ["chile-peru.txt", "india-pakistan.txt", "mexico-united-states-dissent.txt", "mexico-united-states.txt"]


def run(*args, cwd=FIXTURES):
    return subprocess.run([DYAD, *args], capture_output=True, text=True, cwd=cwd, stdin=subprocess.DEVNULL)


class Corpus:
    """The four texts extracted once, with relative names, so evidence cites 'chile-peru.txt:...'."""
    tmp = None

    @classmethod
    def db(cls):
        if cls.tmp is None:
            cls.tmp = tempfile.TemporaryDirectory()
            cls.path = str(Path(cls.tmp.name) / "query.db")
            r = run("-q", "extract", *TEXTS, "--db", cls.path)
            assert r.returncode == 0, r.stderr
        return cls.path


def ok(test, *args):
    r = run(*args)
    test.assertEqual(r.returncode, 0, r.stderr)
    return r.stdout


class Stats(unittest.TestCase):
    def test_top_adds_components_and_central_entities_after_the_usual_lines(self):
        out = ok(self, "stats", "--db", Corpus.db(), "--top", "3")
        self.assertTrue(out.startswith("documents\t4\nentities\t24\n"), out)
        self.assertIn("relations\t29\n", out)
        # (36: "North American" in the name of NAFTA is the continent, so the name no longer gives
        # the United States a second piece of evidence for partyTo NAFTA; 37: dispute-over-pair is a
        # third rule for "Chile and Peru were once locked in a dispute over their maritime boundary")
        self.assertIn("negated relations\t2\nevidence sentences\t37\n", out)
        self.assertTrue(out.endswith(
            "linked entities\t14\n"
            "isolated entities\t10\n"
            "connected components\t2\n"
            "  largest\t10, 4\n"
            "most linked (distinct neighbours)\n"
            "  1\tcountry/mexico\tMexico\t6\n"
            "  2\tagreement/nafta\tNorth American Free Trade Agreement\t4\n"
            "  3\tagreement/usmca\tUnited States-Mexico-Canada Agreement\t4\n"
            "most central (betweenness)\n"
            "  1\tcountry/mexico\tMexico\t22.33\n"
            "  2\torganization/pacific-alliance\tPacific Alliance\t20.00\n"
            "  3\tcountry/united-states\tUnited States\t1.00\n"), out)
        plain = ok(self, "stats", "--db", Corpus.db())
        self.assertNotIn("connected components", plain)
        self.assertTrue(out.startswith(plain))

    def test_networkx_agrees_on_components_and_betweenness(self):
        import networkx as nx
        con = sqlite3.connect(Corpus.db())
        g = nx.Graph()
        g.add_edges_from(con.execute("select subject, object from relations where negated = 0").fetchall())
        sizes = sorted((len(c) for c in nx.connected_components(g)), reverse=True)
        self.assertEqual(sizes, [10, 4])
        b = nx.betweenness_centrality(g, normalized=False)
        self.assertAlmostEqual(b["country/mexico"], 22.3333, places=3)
        self.assertAlmostEqual(b["organization/pacific-alliance"], 20.0, places=6)
        self.assertEqual(max(dict(g.degree).items(), key=lambda kv: kv[1]), ("country/mexico", 6))

    def test_json_carries_the_same_figures_as_the_text(self):
        plain = json.loads(ok(self, "stats", "--db", Corpus.db(), "--format", "json"))
        self.assertNotIn("most_linked", plain)
        s = json.loads(ok(self, "stats", "--db", Corpus.db(), "--top", "3", "--format", "json"))
        self.assertEqual({k: s[k] for k in plain}, plain)
        self.assertEqual((s["documents"], s["entities"], s["relations"]), (4, 24, 29))
        self.assertEqual((s["negated_relations"], s["evidence_sentences"]), (2, 37))
        self.assertEqual(sum(s["entities_by_type"].values()), 24)
        self.assertEqual(sum(s["relations_by_predicate"].values()), 29)
        self.assertEqual((s["linked_entities"], s["isolated_entities"], s["component_sizes"]), (14, 10, [10, 4]))
        self.assertEqual(s["most_linked"][0], {"key": "country/mexico", "name": "Mexico", "degree": 6})
        self.assertEqual([c["key"] for c in s["most_central"]],
                         ["country/mexico", "organization/pacific-alliance", "country/united-states"])
        self.assertAlmostEqual(s["most_central"][0]["betweenness"], 22.3333, places=4)
        r = run("stats", "--db", Corpus.db(), "--format", "yaml")
        self.assertEqual(r.returncode, 2, r.stderr)


class Query(unittest.TestCase):
    def test_names_resolve_folded_through_alternate_names_and_the_dictionary(self):
        for name in ("us", "U.S.", "united states", "The United States", "country/united-states", "America"):
            out = ok(self, "query", "neighbors", name, "--db", Corpus.db(), "--format", "json")
            self.assertEqual(json.loads(out)["focus"]["key"], "country/united-states", name)
        out = ok(self, "query", "neighbors", "Merida Initiative", "--db", Corpus.db(), "--format", "json")
        self.assertEqual(json.loads(out)["focus"]["name"], "Mérida Initiative")

    def test_unknown_name_is_a_usage_error_with_candidates(self):
        r = run("query", "neighbors", "Mexcio", "--db", Corpus.db())
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stderr.count("\n"), 1, r.stderr)
        self.assertIn("'Mexcio': no entity of this name in the database; closest: Mexico (country/mexico, Country)",
                      r.stderr)
        r = run("query", "neighbors", "Brazil", "--db", Corpus.db())
        self.assertEqual(r.returncode, 2)
        self.assertIn("country/brazil is in the dictionary but no document in the database mentions it", r.stderr)

    def test_neighbors(self):
        self.assertEqual(ok(self, "query", "neighbors", "US", "--db", Corpus.db()),
                         "neighbors of United States (country/united-states) within 1 hop: 4\n"
                         "1  North American Free Trade Agreement (agreement/nafta, Agreement)\n"
                         "     United States partyTo North American Free Trade Agreement (1 sentence)\n"
                         "1  United States-Mexico-Canada Agreement (agreement/usmca, Agreement)\n"
                         "     United States partyTo United States-Mexico-Canada Agreement (1 sentence)\n"
                         "1  Mexico (country/mexico, Country)\n"
                         "     Mexico sharesBorderWith United States [quantity: nearly 3,100 kilometres] (1 sentence)\n"
                         "     Mexico tradingPartnerOf United States (1 sentence)\n"
                         "     Mexico alliedWith United States (1 sentence)\n"
                         "     Mexico cooperatesWith United States [topics: drug trafficking, security; via: Mérida "
                         "Initiative] (1 sentence)\n"
                         "     Mexico inDisputeWith United States [topics: immigration, trade] (1 sentence)\n"
                         "1  Mérida Initiative (initiative/merida-initiative, Initiative)\n"
                         "     United States partyTo Mérida Initiative (1 sentence)\n")
        self.assertEqual(ok(self, "query", "neighbors", "chile", "--depth", "2", "--predicate", "memberOf,partyTo",
                            "--db", Corpus.db()),
                         "neighbors of Chile (country/chile) within 2 hops (memberOf,partyTo only): 4\n"
                         "1  Pacific Alliance (organization/pacific-alliance, Organization)\n"
                         "     Chile memberOf Pacific Alliance (1 sentence)\n"
                         "2  Colombia (country/colombia, Country) via Pacific Alliance\n"
                         "     Colombia memberOf Pacific Alliance (1 sentence)\n"
                         "2  Mexico (country/mexico, Country) via Pacific Alliance\n"
                         "     Mexico memberOf Pacific Alliance (1 sentence)\n"
                         "2  Peru (country/peru, Country) via Pacific Alliance\n"
                         "     Peru memberOf Pacific Alliance (1 sentence)\n")

    def test_between_lists_both_directions_and_the_negation_with_quotes(self):
        self.assertEqual(ok(self, "query", "between", "united states", "Mexico", "--db", Corpus.db()),
                         "between United States (country/united-states) and Mexico (country/mexico): 6 relations\n"
                         "Mexico sharesBorderWith United States [quantity: nearly 3,100 kilometres] (1 sentence)\n"
                         "  \"Mexico and the United States share a border of nearly 3,100 kilometres.\" "
                         "(mexico-united-states.txt:0-71)\n"
                         "Mexico tradingPartnerOf United States (1 sentence)\n"
                         "  \"The U.S. is Mexico's largest trading partner, and Mexico is a vital trading partner for "
                         "the United States.\" (mexico-united-states.txt:72-178)\n"
                         "Mexico alliedWith United States (1 sentence)\n"
                         "  \"Mexico and the United States are close allies.\" (mexico-united-states.txt:179-225)\n"
                         "Mexico not alliedWith United States (1 sentence)\n"
                         "  \"Some analysts insist that Mexico and the United States are not allies.\" "
                         "(mexico-united-states-dissent.txt:0-70)\n"
                         "Mexico cooperatesWith United States [topics: drug trafficking, security; via: Mérida "
                         "Initiative] (1 sentence)\n"
                         "  \"Under the Mérida Initiative, Mexico and the U.S. cooperate on security and drug "
                         "trafficking.\" (mexico-united-states.txt:226-319)\n"
                         "Mexico inDisputeWith United States [topics: immigration, trade] (1 sentence)\n"
                         "  \"Mexico and the United States disagree on immigration and trade.\" "
                         "(mexico-united-states.txt:504-567)\n")
        # The offsets quote the file.
        data = (FIXTURES / "mexico-united-states.txt").read_bytes()
        self.assertEqual(data[504:567].decode(), "Mexico and the United States disagree on immigration and trade.")
        doc = json.loads(ok(self, "query", "between", "us", "mexico", "--db", Corpus.db(), "--format", "json"))
        self.assertEqual([(r["predicate"], r["negated"]) for r in doc["relations"]],
                         [("sharesBorderWith", False), ("tradingPartnerOf", False), ("alliedWith", False),
                          ("alliedWith", True), ("cooperatesWith", False), ("inDisputeWith", False)])
        self.assertEqual(doc["relations"][4]["vehicles"], ["initiative/merida-initiative"])
        self.assertEqual(doc["relations"][3]["evidence"][0]["document"], "mexico-united-states-dissent.txt")

    def test_path_every_hop_with_evidence(self):
        out = ok(self, "query", "path", "Peru", "U.S.", "--db", Corpus.db())
        self.assertTrue(out.startswith(
            "path from Peru (country/peru) to United States (country/united-states): 3 hops\n"
            "Peru -> Pacific Alliance -> Mexico -> United States\n"
            "1. Peru -> Pacific Alliance\n"
            "   Peru memberOf Pacific Alliance (1 sentence)\n"
            "     \"Chile, Peru, Colombia and Mexico joined the Pacific Alliance in 2011.\" (chile-peru.txt:128-197)\n"
            "2. Pacific Alliance -> Mexico\n"
            "   Mexico memberOf Pacific Alliance (1 sentence)\n"
            "     \"Chile, Peru, Colombia and Mexico joined the Pacific Alliance in 2011.\" (chile-peru.txt:128-197)\n"
            "3. Mexico -> United States\n"), out)
        self.assertEqual(out.count("\n     \""), 7)  # two memberships, five Mexico-US relations
        doc = json.loads(ok(self, "query", "path", "Peru", "U.S.", "--predicate", "memberOf,sharesBorderWith",
                            "--db", Corpus.db(), "--format", "json"))
        self.assertEqual([h["to"] for h in doc["hops"]],
                         ["organization/pacific-alliance", "country/mexico", "country/united-states"])
        self.assertEqual([r["predicate"] for r in doc["hops"][2]["relations"]], ["sharesBorderWith"])
        self.assertEqual(ok(self, "query", "path", "india", "mexico", "--db", Corpus.db()),
                         "no path from India (country/india) to Mexico (country/mexico)\n")

    def test_conflicts_in_the_same_and_in_different_documents(self):
        self.assertEqual(ok(self, "query", "conflicts", "--db", Corpus.db()),
                         "conflicts: 2\n"
                         "Chile alliedWith Peru: asserted and negated (in the same document)\n"
                         "  asserted: \"Chile and Peru are close allies in trade policy.\" (chile-peru.txt:244-292)\n"
                         "  negated:  \"Yet Chile and Peru are not allies in any military sense.\" "
                         "(chile-peru.txt:293-349)\n"
                         "Mexico alliedWith United States: asserted and negated (in different documents)\n"
                         "  asserted: \"Mexico and the United States are close allies.\" "
                         "(mexico-united-states.txt:179-225)\n"
                         "  negated:  \"Some analysts insist that Mexico and the United States are not allies.\" "
                         "(mexico-united-states-dissent.txt:0-70)\n")
        doc = json.loads(ok(self, "query", "conflicts", "--db", Corpus.db(), "--format", "json"))
        self.assertEqual([c["same_document"] for c in doc["conflicts"]], [True, False])

    def test_help_and_usage_errors(self):
        for verb in (["query", "neighbors"], ["query", "between"], ["query", "path"], ["query", "conflicts"],
                     ["assess"], ["diff"]):
            r = run(*verb, "--help")
            self.assertEqual(r.returncode, 0, verb)
            self.assertIn("Usage", r.stdout)
        self.assertEqual(run("query", "between", "Mexico", "--db", Corpus.db()).returncode, 2)
        r = run("query", "conflicts", "--db", Corpus.db(), "--format", "xml")
        self.assertEqual(r.returncode, 2)
        self.assertIn("choose text or json", r.stderr)


class Assess(unittest.TestCase):
    def test_the_dyad_report_and_its_numbers(self):
        out = ok(self, "assess", "U.S.", "Mexico", "--db", Corpus.db())
        self.assertTrue(out.startswith(
            "United States (country/united-states) and Mexico (country/mexico)\n"
            "verdict: close partners with frictions on immigration and trade\n"
            "balance: +0.64 (cooperation 9.25, tension 2.00; -1 all tension, +1 all cooperation)\n"), out)
        self.assertIn("  shared agreement: North American Free Trade Agreement (agreement/nafta) [time: historical "
                      "(replaced by United States-Mexico-Canada Agreement)]  1 x 0.25 x 1 = 0.25\n", out)
        self.assertIn("  Mexico alliedWith United States  3 x 1 x 1 = 3.00  CONTRADICTED\n", out)
        self.assertTrue(out.endswith(
            "topics\n"
            "  cooperate on: drug trafficking, security\n"
            "  at odds over: immigration, trade\n\n"
            "shared agreements and initiatives: North American Free Trade Agreement (historical), United "
            "States-Mexico-Canada Agreement, Mérida Initiative\n"
            "shared organizations: none\n"), out)
        doc = json.loads(ok(self, "assess", "U.S.", "Mexico", "--db", Corpus.db(), "--format", "json"))
        scored = [(i["kind"], i["score"]) for i in doc["items"] if i["score"] > 0]
        self.assertEqual(scored, [("tradingPartnerOf", 2), ("alliedWith", 3), ("cooperatesWith", 2),
                                  ("shared agreement", 0.25), ("shared agreement", 1), ("shared initiative", 1),
                                  ("inDisputeWith", 2)])
        self.assertEqual(doc["cooperation"], 9.25)
        self.assertEqual(doc["balance"], round(7.25 / 11.25, 4))
        # Every scored number is backed by quoted sentences.
        for item in doc["items"]:
            quotes = {(e["document"], e["begin"]) for r in item["relations"] for e in r["evidence"]}
            self.assertEqual(len(quotes), item["sentences"], item["kind"])

    def test_other_pairs(self):
        out = ok(self, "assess", "India", "Pakistan", "--db", Corpus.db())
        # cooperation 1 + 1 (the treaty, SAARC; "Regional Cooperation" inside the name is no cue),
        # tension 2 + 3 (the dispute, the wars)
        self.assertIn("verdict: strained relations despite some cooperation\n"
                      "balance: -0.43 (cooperation 2.00, tension 5.00;", out)
        self.assertIn("shared organizations: South Asian Association for Regional Cooperation\n", out)
        out = ok(self, "assess", "chile", "peru", "--db", Corpus.db())
        self.assertIn("verdict: close partners with frictions on maritime boundaries\n", out)
        self.assertIn("Chile alliedWith Peru: asserted and negated (in the same document)", out)
        r = run("assess", "chile", "chile", "--db", Corpus.db())
        self.assertEqual(r.returncode, 2)

    def test_html_report_is_one_self_contained_file(self):
        with tempfile.TemporaryDirectory() as d:
            page = Path(d) / "report.html"
            r = run("assess", "us", "mexico", "--db", Corpus.db(), "--html", str(page))
            self.assertEqual(r.returncode, 0, r.stderr)
            html = page.read_text(encoding="utf-8")
            self.assertEqual(html.count("<svg"), 1)
            self.assertIn('<table id="evidence">', html)
            self.assertNotIn("<script", html)
            self.assertNotIn("src=", html)
            self.assertEqual([f.name for f in Path(d).iterdir()], ["report.html"])


class Export(unittest.TestCase):
    def test_focus_keeps_the_neighbourhood_and_dot_reads_it(self):
        with tempfile.TemporaryDirectory() as d:
            out = Path(d) / "focus.dot"
            ok(self, "export", "--db", Corpus.db(), "--format", "dot", "--focus", "Chile", "--depth", "1",
               "--predicate", "memberOf,sharesBorderWith,alliedWith", "-o", str(out))
            plain = subprocess.run(["dot", "-Tplain", str(out)], capture_output=True, text=True)
            self.assertEqual(plain.returncode, 0, plain.stderr)
            nodes = sorted(line.split()[1].strip('"') for line in plain.stdout.splitlines() if line.startswith("node"))
            self.assertEqual(nodes, ["country/chile", "country/peru", "organization/pacific-alliance"])
            edges = [line for line in plain.stdout.splitlines() if line.startswith("edge")]
            self.assertEqual(len(edges), 4)  # two memberships, the border, the asserted alliance
            ok(self, "export", "--db", Corpus.db(), "--format", "dot", "--focus", "Chile", "--depth", "2",
               "--predicate", "memberOf", "-o", str(out))
            text = out.read_text()
            self.assertIn('"country/mexico"', text)
            self.assertNotIn('"country/united-states"', text)
        r = run("export", "--db", Corpus.db(), "--depth", "2")
        self.assertEqual(r.returncode, 2, "--depth needs --focus")


class Diff(unittest.TestCase):
    def test_a_rule_and_a_dictionary_change_reviewed_on_the_same_corpus(self):
        with tempfile.TemporaryDirectory() as d:
            data = Path(d) / "data"
            shutil.copytree(SOURCE / "data", data)
            rules = data / "patterns" / "relations.tsv"
            rules.write_text("".join(l for l in rules.read_text().splitlines(True) if not l.startswith("ally-copula\t")))
            topics = data / "gazetteer" / "topics.tsv"
            topics.write_text("".join(l for l in topics.read_text().splitlines(True)
                                      if not l.startswith("drug-trafficking\t")))
            changed = str(Path(d) / "changed.db")
            ok(self, "-q", "--data", str(data), "extract", *TEXTS, "--db", changed)
            r = run("diff", Corpus.db(), changed, "--exit-code")
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertEqual(r.stdout,
                             "documents: +0 -0\n"
                             "entities: +0 -1 ~0\n"
                             "  - topic/drug-trafficking (drug trafficking, Topic)\n"
                             "relations: +0 -4 ~1\n"
                             "  - Chile alliedWith Peru\n"
                             "      \"Chile and Peru are close allies in trade policy.\" (chile-peru.txt:244-292) "
                             "[cue:ally-copula]\n"
                             "  - Chile not alliedWith Peru\n"
                             "      \"Yet Chile and Peru are not allies in any military sense.\" "
                             "(chile-peru.txt:293-349) [cue:ally-copula]\n"
                             "  - Mexico alliedWith United States\n"
                             "      \"Mexico and the United States are close allies.\" (mexico-united-states.txt:179-225) "
                             "[cue:ally-copula]\n"
                             "  - Mexico not alliedWith United States\n"
                             "      \"Some analysts insist that Mexico and the United States are not allies.\" "
                             "(mexico-united-states-dissent.txt:0-70) [cue:ally-copula]\n"
                             "  ~ Mexico cooperatesWith United States [topics: security; via: Mérida Initiative]: "
                             "topics -topic/drug-trafficking\n")
            doc = json.loads(ok(self, "diff", changed, Corpus.db(), "--format", "json"))
            self.assertEqual(len(doc["relations"]["gained"]), 4)
            self.assertEqual(doc["entities"]["gained"][0]["key"], "topic/drug-trafficking")

    def test_a_document_more(self):
        with tempfile.TemporaryDirectory() as d:
            fewer = str(Path(d) / "fewer.db")
            ok(self, "-q", "extract", *[t for t in TEXTS if "dissent" not in t], "--db", fewer)
            self.assertEqual(ok(self, "diff", fewer, Corpus.db()),
                             "documents: +1 -0\n"
                             "  + mexico-united-states-dissent.txt\n"
                             "entities: +2 -0 ~0\n"
                             "  + topic/agriculture (agriculture, Topic)\n"
                             "  + topic/energy (energy, Topic)\n"
                             "relations: +2 -0 ~0\n"
                             "  + Canada cooperatesWith Mexico [topics: agriculture, energy]\n"
                             "      \"Mexico and Canada cooperate on energy and agriculture.\" "
                             "(mexico-united-states-dissent.txt:71-125) [cue:cooperate]\n"
                             "  + Mexico not alliedWith United States\n"
                             "      \"Some analysts insist that Mexico and the United States are not allies.\" "
                             "(mexico-united-states-dissent.txt:0-70) [cue:ally-copula]\n")
            same = run("diff", Corpus.db(), Corpus.db(), "--exit-code")
            self.assertEqual(same.returncode, 0)
            self.assertEqual(same.stdout, "documents: +0 -0\nentities: +0 -0 ~0\nrelations: +0 -0 ~0\n")


class Chromium(unittest.TestCase):
    """The HTML report as a browser renders it: headless Chromium, no network, its DOM dumped."""

    def test_report_opens_with_diagram_and_evidence_table(self):
        with tempfile.TemporaryDirectory() as d:
            page = Path(d) / "report.html"
            ok(self, "assess", "us", "mexico", "--db", Corpus.db(), "--html", str(page))
            items = len(json.loads(ok(self, "assess", "us", "mexico", "--db", Corpus.db(), "--format", "json"))["items"])
            profile = Path(d) / "profile"
            r = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                "--no-first-run", "--user-data-dir=" + str(profile), "--dump-dom",
                                page.as_uri()], capture_output=True, text=True, timeout=180)
            self.assertEqual(r.returncode, 0, r.stderr[-2000:])
            dom = r.stdout
            self.assertIn("<svg", dom)
            self.assertIn('<table id="evidence">', dom)
            self.assertIn('id="verdict">close partners with frictions on immigration and trade</p>', dom)
            body = dom[dom.index('<table id="evidence">'):]
            body = body[:body.index("</table>")]
            self.assertEqual(body.count("<tr class="), items)
            self.assertIn("Mexico and the United States disagree on immigration and trade.", body)
            # The diagram's nodes are there as SVG text.
            self.assertIn(">Mexico</text>", dom)
            self.assertIn(">Mérida Initiative</text>", dom)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

if __name__ == "__main__":
    try:
        if "Chromium" in sys.argv[1:] and not CHROMIUM:
            print("chromium is not installed (apt-get install chromium): skipped")
            sys.exit(77)
        unittest.main(verbosity=2)
    finally:
        if Corpus.tmp is not None:
            Corpus.tmp.cleanup()
