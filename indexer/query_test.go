package indexer

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseQuery(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want string // groups as kind:text, | for OR, ! for excluded
	}{
		{"traite êtres humains", "w:traite w:êtres w:humains"},
		{`"traite des personnes" +mineur -enfant`, "p:traite des personnes w:mineur !w:enfant"},
		{"traite OR trafic esclavage", "w:traite|w:trafic w:esclavage"},
		{"a OU b OR c", "w:a|w:b|w:c"},
		{"225-4-1", "a:225-4-1"},
		{"article 499", "a:499"},
		{"art. 3 bis", "a:3 bis"},
		{"305bis", "a:305bis"},
		{"art. 305bis CP", "a:305bis w:CP"},
		{"305 bis", "a:305 bis"},
		{"260ter", "a:260ter"},
		{"article L. 622-1", "a:L.622-1"},
		{"L622-1 279.01", "a:L622-1 a:279.01"},
		{"article:12", "a:12"},
		{"trafi* trafik~ trafik~1 trafik~0", "x:trafi f:trafik f:trafik w:trafik"},
		{"(traite) AND juridiction:bj", "w:traite"},
		{"article", "w:article"},
		{"traite NOT travail", "w:traite !w:travail"},
		{`traite SAUF "travail forcé"`, "w:traite !p:travail forcé"},
	} {
		pq, err := parseQuery(tc.q)
		if err != nil {
			t.Errorf("%q: %v", tc.q, err)
			continue
		}
		var gs []string
		for _, g := range pq.groups {
			var ts []string
			for _, tm := range g.terms {
				ts = append(ts, string("wpxfa"[tm.kind])+":"+tm.text)
			}
			s := strings.Join(ts, "|")
			if g.not {
				s = "!" + s
			}
			gs = append(gs, s)
		}
		if got := strings.Join(gs, " "); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.q, got, tc.want)
		}
	}
	pq, _ := parseQuery("juridiction:bj,ML type:decret année:2012 langue:EN pays:fr")
	f := pq.filters
	if strings.Join(f.jurisdiction, ",") != "bj,ml,fr" || strings.Join(f.kind, ",") != "décret" ||
		strings.Join(f.year, ",") != "2012" || strings.Join(f.language, ",") != "en" {
		t.Errorf("filters %+v", f)
	}
}

func TestNumberKey(t *testing.T) {
	for in, want := range map[string]string{
		"225-4-1": "225-4-1", "L622-1": "l622-1", "L. 622-1": "l622-1", "L.622-1": "l622-1",
		"279.01": "279-01", "premier": "1", "1er": "1", "3 bis": "3bis", "3bis": "3bis", "3-bis": "3bis", "499 ": "499",
		"305bis": "305bis", "66a bis": "66abis", "179novies": "179novies",
	} {
		if got := numberKey(in); got != want {
			t.Errorf("numberKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSnippet(t *testing.T) {
	text := "Les « êtres » humains & <b>la</b> traite."
	i := strings.Index(text, "êtres")
	got := snippet(text, []span{{i, i + len("êtres")}, {i, i + 2}, {-1, 3}, {i + 1, i + 2}}, 240)
	want := "Les « <mark>êtres</mark> » humains &amp; &lt;b&gt;la&lt;/b&gt; traite."
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	long := strings.Repeat("début ", 100) + "cible " + strings.Repeat("fin ", 100)
	j := strings.Index(long, "cible")
	got = snippet(long, []span{{j, j + 5}}, 100)
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || !strings.Contains(got, "<mark>cible</mark>") || len(got) > 140 {
		t.Errorf("long: %q", got)
	}
}

// FuzzParseQuery: the parser never panics, and either accepts the query or
// returns ErrBadQuery; snippets of any text are valid UTF-8 and escaped.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"traite", `"a b" -c +d`, "a OR b", "*x", "/re/", "art. L. 622-1 bis",
		"juridiction:bj type:loi", "x~2", "é~", `+"`, "OR", "article", "(a OR b)", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		pq, err := parseQuery(q)
		if err != nil {
			if !errors.Is(err, ErrBadQuery) {
				t.Fatalf("%q: %v", q, err)
			}
			return
		}
		for _, g := range pq.groups {
			for _, tm := range g.terms {
				if tm.start < 0 || tm.end > len(q) || tm.start > tm.end {
					t.Fatalf("%q: bad offsets %+v", q, tm)
				}
			}
		}
		if utf8.ValidString(q) {
			s := snippet(q, []span{{0, len(q) / 2}, {len(q) / 3, len(q)}}, 20)
			if !utf8.ValidString(s) || strings.Contains(s, "<script") {
				t.Fatalf("snippet %q", s)
			}
		}
	})
}

// TestParseQueryUnderstanding: article numbers as Légifrance writes them,
// lettered articles, and the words that only rank.
func TestParseQueryUnderstanding(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want string // kind:text, ? marks an optional word
	}{
		{"L. 622-4", "a:L.622-4"},
		{"224-1 A", "a:224-1 A"},
		{"loi 2018-16", "w?:loi a:2018-16"},
		{"loi n° 2013-711", "w?:loi w?:n° a:2013-711"},
		{"RS 0.311.541", "w?:RS a:0.311.541"},
		{"définition de la traite", "w?:définition w:de w:la w:traite"},
		{"loi traite", "w:loi w:traite"},
	} {
		pq, err := parseQuery(tc.q)
		if err != nil {
			t.Errorf("%q: %v", tc.q, err)
			continue
		}
		var gs []string
		for _, g := range pq.groups {
			tm := g.terms[0]
			k := string("wpxfa"[tm.kind])
			if tm.optional {
				k += "?"
			}
			gs = append(gs, k+":"+tm.text)
		}
		if got := strings.Join(gs, " "); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.q, got, tc.want)
		}
	}
}

func TestNumberKeysAndDefinitions(t *testing.T) {
	if got := strings.Join(numberKeys("RS 0.311.542"), " "); got != "rs0-311-542 0-311-542" {
		t.Errorf("numberKeys = %q", got)
	}
	for _, tc := range []struct{ text, want string }{
		// Verbatim openings of corpus provisions.
		{"Aux fins du présent Protocole:a) l’expression «traite des personnes» désigne le recrutement", "traite des personnes"},
		{"Constitue un acte de traite des personnes le recrutement, le transport", "traite des personnes"},
		{"I. - La traite des êtres humains est le fait de recruter une personne", "traite des êtres humains"},
		{"a) ``Trafficking in persons\" shall mean the recruitment", "Trafficking in persons"},
		{"Le travail forcé est le fait, par la violence ou la menace, de contraindre", "travail forcé"},
		{"Im Sinne dieses Protokolls:a) bezeichnet der Ausdruck «Menschenhandel» die Anwerbung", "Menschenhandel"},
	} {
		if got := definedTerms(tc.text); len(got) == 0 || got[0] != tc.want {
			t.Errorf("definedTerms(%.40q) = %q, want %q first", tc.text, got, tc.want)
		}
	}
}

// TestSnippetMultibyte: <mark> covers exactly the matched word of the
// original text under elision, folding and stemming.
func TestSnippetMultibyte(t *testing.T) {
	_, ix := buildTest(t, testDocs(t))
	for q, want := range map[string]string{
		"exploitation":    "<mark>exploitation</mark>",
		"etres":           "<mark>êtres</mark>",
		"hebergement":     "<mark>hébergement</mark>",
		"Menschenhandels": "<mark>Menschenhandels</mark>",
	} {
		resp := doSearch(t, ix, Request{Query: q, Limit: 3})
		if len(resp.Hits) == 0 || !strings.Contains(resp.Hits[0].Snippet, want) {
			t.Errorf("%q: snippet %v, want %s", q, resp.Hits, want)
		}
	}
}
