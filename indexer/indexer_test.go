package indexer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"lextraite/corpus"
)

func doSearch(t *testing.T, ix interface {
	Search(context.Context, Request) (*Response, error)
}, r Request) *Response {
	t.Helper()
	resp, err := ix.Search(context.Background(), r)
	if err != nil {
		t.Fatalf("Search(%+v): %v", r, err)
	}
	return resp
}

// firstProvision returns the first provision hit, as a slice of 0 or 1.
func firstProvision(resp *Response) []Hit {
	for _, h := range resp.Hits {
		if h.Provision != "" {
			return []Hit{h}
		}
	}
	return nil
}

func hitIDs(resp *Response) []string {
	ids := make([]string, len(resp.Hits))
	for i, h := range resp.Hits {
		ids[i] = h.ID
	}
	return ids
}

// TestRelevance: queries and the hit expected first.
func TestRelevance(t *testing.T) {
	_, ix := buildTest(t, testDocs(t))
	for _, tc := range []struct {
		q, first string
	}{
		{"225-4-1", frCodeID + "/art-225-4-1"},
		{"article 225-4-2", frCodeID + "/art-225-4-2"},
		{"art. 499", "bj-code-penal-2018/art-499"},
		{"article 499", "bj-code-penal-2018/art-499"},
		{"499", "bj-code-penal-2018/art-499"},
		{"L622-1", "fr-ceseda-aide-entree-sejour-irreguliers/art-l622-1"},
		{"article L. 622-4", "fr-ceseda-aide-entree-sejour-irreguliers/art-l622-4"},
		{"0.311.542", "ch-sr-0-311-542-de"},
		{"code pénal 499", "bj-code-penal-2018/art-499"},
		{"Menschenhandels", "ch-sr-0-311-542-de"},
		{`"traite des personnes"`, "bj-code-penal-2018/art-499"},
		{"traite des personnes", "bj-code-penal-2018/art-499"},
		{"traite des êtres humains mineur", frCodeID + "/art-225-4-1"},
	} {
		resp := doSearch(t, ix, Request{Query: tc.q})
		if len(resp.Hits) == 0 || resp.Hits[0].ID != tc.first {
			t.Errorf("%q: hits %v, want %s first", tc.q, hitIDs(resp), tc.first)
		}
	}
}

func TestHitShape(t *testing.T) {
	_, ix := buildTest(t, testDocs(t))
	resp := doSearch(t, ix, Request{Query: "225-4-1"})
	h := resp.Hits[0]
	want := Hit{ID: frCodeID + "/art-225-4-1", DocID: frCodeID, Provision: "225-4-1", Anchor: "art-225-4-1",
		URL: "/doc/" + frCodeID + "#art-225-4-1", Jurisdiction: "fr", Kind: "code", Language: "fr",
		Source: "national/fr/code-penal-traite-des-etres-humains/article-225-4-1.md"}
	if h.ID != want.ID || h.DocID != want.DocID || h.Provision != want.Provision || h.Anchor != want.Anchor ||
		h.URL != want.URL || h.Jurisdiction != want.Jurisdiction || h.Kind != want.Kind ||
		h.Language != want.Language || h.Source != want.Source || h.DocTitle == "" || h.Score <= 0 {
		t.Errorf("hit = %+v\nwant %+v", h, want)
	}
	if resp.Total == 0 || resp.TookMS <= 0 {
		t.Errorf("total %d took %v", resp.Total, resp.TookMS)
	}
	// A document hit: URL without anchor.
	resp = doSearch(t, ix, Request{Query: "Menschenhandels"})
	if h := resp.Hits[0]; h.URL != "/doc/ch-sr-0-311-542-de" || h.Provision != "" || h.Anchor != "" {
		t.Errorf("document hit = %+v", h)
	}
}

func TestSnippetAccents(t *testing.T) {
	_, ix := buildTest(t, testDocs(t))
	resp := doSearch(t, ix, Request{Query: "etres humains"})
	if len(resp.Hits) == 0 {
		t.Fatal("no hits for etres humains")
	}
	for _, h := range firstProvision(resp) {
		if !strings.Contains(h.Snippet, "<mark>êtres</mark>") || !strings.Contains(h.Snippet, "<mark>humains</mark>") {
			t.Errorf("%s snippet %q: want <mark>êtres</mark> and <mark>humains</mark>", h.ID, h.Snippet)
		}
	}
}

// TestExactPreferred: an accented or unaccented word ranks its exact form
// first ("traite" vs "traité").
func TestExactPreferred(t *testing.T) {
	_, ix := buildTest(t, testDocs(t))
	resp := doSearch(t, ix, Request{Query: "traite", Limit: 4})
	for _, h := range resp.Hits {
		if h.Provision == "" {
			continue // the document hit, for its title
		}
		if !strings.Contains(h.Snippet, "<mark>traite</mark>") && !strings.Contains(h.Snippet, "<mark>Traite</mark>") {
			t.Errorf("traite: top hit %s snippet %q lacks the exact word", h.ID, h.Snippet)
		}
	}
}

func TestSnippetEscapes(t *testing.T) {
	_, ix := buildTest(t, testDocs(t))
	resp := doSearch(t, ix, Request{Query: "zorglub"})
	if len(resp.Hits) != 1 {
		t.Fatalf("hits %v", hitIDs(resp))
	}
	s := resp.Hits[0].Snippet
	if strings.Contains(s, "<script>") || strings.Contains(s, "<b>") || !strings.Contains(s, "&lt;script&gt;") ||
		!strings.Contains(s, "<mark>zorglub</mark> &amp; fils") {
		t.Errorf("snippet not escaped: %q", s)
	}
	// The query is echoed as typed (the site escapes it when rendering).
	if _, err := ix.Search(context.Background(), Request{Query: `<script>alert(1)</script>`}); err != nil {
		t.Errorf("markup in query: %v", err)
	}
}

// TestSnippetOfEmptyProvision: a provision without text (a repealed
// article) shows its own heading, never another article's words.
func TestSnippetOfEmptyProvision(t *testing.T) {
	d := syntheticDoc()
	d.Provisions = append(d.Provisions, corpus.Provision{
		ID: d.ID + "/art-2", Anchor: "art-2", Number: "2", Path: []string{}, Language: "fr",
		Heading: "Intitulé synthétique vorgnol",
	})
	_, ix := buildTest(t, append(testDocs(t)[:0:0], d))
	resp := doSearch(t, ix, Request{Query: "vorgnol"})
	var h *Hit
	for i := range resp.Hits {
		if resp.Hits[i].Anchor == "art-2" {
			h = &resp.Hits[i]
		}
	}
	if h == nil {
		t.Fatalf("art. 2 not found: %v", hitIDs(resp))
	}
	if strings.Contains(h.Snippet, "zorglub") || !strings.Contains(h.Snippet, "Intitulé synthétique") {
		t.Errorf("snippet of an empty provision = %q", h.Snippet)
	}
}

func TestFilters(t *testing.T) {
	_, ix := buildTest(t, testDocs(t))
	all := doSearch(t, ix, Request{Query: "traite"})
	for _, tc := range []struct {
		r     Request
		check func(Hit) bool
	}{
		{Request{Query: "traite", Jurisdiction: []string{"bj"}}, func(h Hit) bool { return h.Jurisdiction == "bj" }},
		{Request{Query: "traite juridiction:bj"}, func(h Hit) bool { return h.Jurisdiction == "bj" }},
		{Request{Query: "traite juridiction:BJ"}, func(h Hit) bool { return h.Jurisdiction == "bj" }},
		{Request{Query: "traite annee:2018"}, func(h Hit) bool { return h.Date == "2018" }},
		{Request{Query: "traite", Year: []string{"2018"}}, func(h Hit) bool { return h.Date == "2018" }},
		{Request{Query: "langue:de"}, func(h Hit) bool { return h.Language == "de" }},
		{Request{Query: "", Language: []string{"de"}}, func(h Hit) bool { return h.Language == "de" }},
		{Request{Query: "type:protocole"}, func(h Hit) bool { return h.Kind == "protocole" }},
		{Request{Kind: []string{"code"}, Limit: 100}, func(h Hit) bool { return h.Kind == "code" }},
		{Request{Query: "traite -juridiction:xx juridiction:fr,bj"}, nil}, // -filter refused
	} {
		resp, err := ix.Search(context.Background(), tc.r)
		if tc.check == nil {
			if !errors.Is(err, ErrBadQuery) {
				t.Errorf("%+v: err %v, want ErrBadQuery", tc.r, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%+v: %v", tc.r, err)
			continue
		}
		if len(resp.Hits) == 0 {
			t.Errorf("%+v: no hits", tc.r)
		}
		for _, h := range resp.Hits {
			if !tc.check(h) {
				t.Errorf("%+v: hit %s (%s %s %s %s) passes the filter", tc.r, h.ID, h.Jurisdiction, h.Kind, h.Date, h.Language)
			}
		}
		if tc.r.Query == "traite" && resp.Total >= all.Total {
			t.Errorf("%+v: total %d not below unfiltered %d", tc.r, resp.Total, all.Total)
		}
	}
}

func TestFacetsAndSort(t *testing.T) {
	_, ix := buildTest(t, testDocs(t))
	resp := doSearch(t, ix, Request{Limit: 100, Sort: "date", Facets: true})
	if resp.Total != uint64(len(resp.Hits)) || resp.Total < 15 {
		t.Fatalf("browse: total %d, hits %d", resp.Total, len(resp.Hits))
	}
	counts := map[string]int{}
	for _, fc := range resp.Facets["juridiction"] {
		counts[fc.Value] = fc.Count
	}
	if counts["fr"] != 13 || counts["bj"] != 6 || counts["int"] != 1 {
		t.Errorf("juridiction facet %v", resp.Facets["juridiction"])
	}
	for _, k := range []string{"type", "annee", "langue"} {
		if len(resp.Facets[k]) == 0 {
			t.Errorf("facet %s empty", k)
		}
	}
	last := "9999"
	for _, h := range resp.Hits {
		if h.Date != "" && h.Date > last {
			t.Errorf("sort=date: %s (%s) after %s", h.ID, h.Date, last)
		}
		if h.Date != "" {
			last = h.Date
		} else {
			last = ""
		}
	}
	if resp.Hits[0].DocID != "synthetic-test-echappement" {
		t.Errorf("newest first: got %s", resp.Hits[0].ID)
	}
	// Paging.
	p2 := doSearch(t, ix, Request{Limit: 5, Offset: 5, Sort: "date"})
	if len(p2.Hits) != 5 || p2.Hits[0].ID != resp.Hits[5].ID || p2.Total != resp.Total {
		t.Errorf("page 2: %v", hitIDs(p2))
	}
}

func TestQueryOperators(t *testing.T) {
	_, ix := buildTest(t, testDocs(t))
	n := func(q string) uint64 { return doSearch(t, ix, Request{Query: q}).Total }
	if a, b, ab := n("zorglub"), n("Zusatzprotokoll"), n("zorglub OR Zusatzprotokoll"); ab != a+b || a == 0 || b == 0 {
		t.Errorf("OR: %d + %d != %d", a, b, ab)
	}
	if all, minus := n("traite"), n("traite -mineur"); minus == 0 || minus >= all {
		t.Errorf("-mineur: %d of %d", minus, all)
	}
	if n("traite +zorglub") != 0 {
		t.Error("+zorglub should require zorglub")
	}
	if n("zorgl*") != 1 || n("zorglob~") != 1 {
		t.Errorf("prefix %d fuzzy %d", n("zorgl*"), n("zorglob~"))
	}
	if n("de la") != 0 {
		t.Error("stop words only should find nothing")
	}
}

func TestBadQueries(t *testing.T) {
	_, ix := buildTest(t, testDocs(t))
	for _, q := range []string{
		"*traite", "/tr.*e/", "/traite des/", `"traite des`, "traite~2", "tr*te",
		"tr*", "OR traite", "traite OR", "traite OR -trafic", "type:inconnu", "annee:12",
		"juridiction:", strings.Repeat("a ", 51), strings.Repeat("é", 501),
		"-", "+", "- -", "AND", "ET +", "NOT", "traite NOT", // operators alone: not the whole corpus
	} {
		_, err := ix.Search(context.Background(), Request{Query: q})
		if !errors.Is(err, ErrBadQuery) {
			t.Errorf("%.40q: err %v, want ErrBadQuery", q, err)
			continue
		}
		msg := strings.TrimPrefix(err.Error(), ErrBadQuery.Error()+" : ")
		if msg == err.Error() || msg == "" {
			t.Errorf("%q: message %q lacks a French explanation", q, err)
		}
	}
	for _, r := range []Request{{Limit: -1}, {Offset: -1}, {Offset: MaxOffset + 1}, {Sort: "titre"}} {
		if _, err := ix.Search(context.Background(), r); !errors.Is(err, ErrBadQuery) {
			t.Errorf("%+v: err %v", r, err)
		}
	}
}

// TestQuestionMark: a question's "?" is punctuation, not a joker.
func TestQuestionMark(t *testing.T) {
	_, ix := buildTest(t, testDocs(t))
	want := hitIDs(doSearch(t, ix, Request{Query: "traite des personnes"}))
	for _, q := range []string{"traite des personnes ?", "traite des personnes?", "? traite des personnes", "traite des ?personnes"} {
		if got := hitIDs(doSearch(t, ix, Request{Query: q})); !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", q, got, want)
		}
	}
	if _, err := ix.Search(context.Background(), Request{Query: "!!!???...,,,;;"}); err != nil && strings.Contains(err.Error(), "joker") {
		t.Errorf("punctuation only: %v", err)
	}
}

func TestSuggestion(t *testing.T) {
	_, ix := buildTest(t, testDocs(t))
	for _, tc := range []struct{ q, want string }{
		{"trafique", "trafic"},
		{"esclavge juridiction:bj", "esclavage juridiction:bj"},
		{"zorglub", ""},
		// Numbers and acronyms are never "corrected": a law number
		// that is not in the base must not become another one.
		{"loi n°2012-023", ""},
		{"loi 2012-023", ""},
		{"ECOWAS", ""},
	} {
		resp := doSearch(t, ix, Request{Query: tc.q})
		if resp.Suggestion != tc.want {
			t.Errorf("%q: suggestion %q, want %q (total %d)", tc.q, resp.Suggestion, tc.want, resp.Total)
		}
	}
}

func TestDocumentsAndStats(t *testing.T) {
	dir, ix := buildTest(t, testDocs(t))
	docs := ix.Documents()
	if len(docs) != 5 || docs[0].Jurisdiction != "bj" || docs[len(docs)-1].Jurisdiction != "zz" {
		t.Errorf("Documents order: %v", docs)
	}
	d, ok := ix.Document(frCodeID)
	if !ok || len(d.Provisions) != 9 || d.Provisions[0].Text == "" {
		t.Fatalf("Document(%s) = %v, %v", frCodeID, d, ok)
	}
	if _, ok := ix.Document("absent"); ok {
		t.Error("Document(absent) found")
	}
	st := ix.Stats()
	if st.Documents != 5 || st.Provisions != 17 || st.FilesSeen != 5 || st.TextBytes == 0 || st.BuiltAt == "" {
		t.Errorf("Stats = %+v", st)
	}
	at, err := BuiltAt(dir)
	if err != nil || time.Since(at) > time.Minute {
		t.Errorf("BuiltAt = %v, %v", at, err)
	}
	if _, err := BuiltAt(t.TempDir()); !errors.Is(err, ErrNoIndex) {
		t.Errorf("BuiltAt(empty) err %v", err)
	}
	if _, err := Open(t.TempDir()); !errors.Is(err, ErrNoIndex) {
		t.Errorf("Open(empty) err %v", err)
	}
}

func TestGenerations(t *testing.T) {
	docs := testDocs(t)
	dir := t.TempDir()
	ctx := context.Background()
	if err := Build(ctx, dir, docs[:1], Stats{}, nil); err != nil {
		t.Fatal(err)
	}
	first, _ := currentGen(dir)

	// A crash left an incomplete generation: removed by the next Build.
	stale := filepath.Join(dir, "gen-20000101T000000.000000000")
	os.MkdirAll(filepath.Join(stale, bleveDir), 0o755)

	// A cancelled build leaves the first generation current.
	cctx, cancel := context.WithCancel(ctx)
	calls := 0
	err := Build(cctx, dir, docs, Stats{}, func(done, total int) { calls++; cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled Build: %v", err)
	}
	if cur, _ := currentGen(dir); cur != first {
		t.Fatalf("current %s after cancelled build, want %s", cur, first)
	}
	if gens, _ := generations(dir); len(gens) != 1 {
		t.Errorf("generations after cancel: %v", gens)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("stale incomplete generation not removed")
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(ix.Documents()); n != 1 {
		t.Errorf("after cancel: %d documents", n)
	}
	ix.Close()

	// Three more builds: the current and the previous are kept.
	var total, last int
	for range 3 {
		if err := Build(ctx, dir, docs, Stats{}, func(done, t int) { last, total = done, t }); err != nil {
			t.Fatal(err)
		}
	}
	if last != total || total != 22 {
		t.Errorf("progress %d/%d", last, total)
	}
	gens, _ := generations(dir)
	if len(gens) != 2 {
		t.Errorf("generations kept: %v", gens)
	}
}

// liveOnFirstDoc builds the first test document into a new directory and
// follows it with a Live that looks at dir/current on every call.
func liveOnFirstDoc(t *testing.T, docs []*corpus.Document) (dir string, l *Live) {
	t.Helper()
	dir = t.TempDir()
	if err := Build(context.Background(), dir, docs[:1], Stats{}, nil); err != nil {
		t.Fatal(err)
	}
	l, err := OpenLive(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	l.interval = 0
	return dir, l
}

func TestLive(t *testing.T) {
	docs := testDocs(t)
	ctx := context.Background()
	dir, l := liveOnFirstDoc(t, docs)
	if n := doSearch(t, l, Request{Query: "zorglub"}).Total; n != 0 {
		t.Fatalf("first generation: %d hits", n)
	}
	firstGen := l.Generation()

	// Searches keep running while generations switch under them.
	stop := make(chan struct{})
	errs := make(chan error, 1)
	go func() {
		defer close(errs)
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := l.Search(ctx, Request{Query: "traite"}); err != nil {
				errs <- err
				return
			}
			l.Document(frCodeID)
		}
	}()
	for range 2 {
		if err := Build(ctx, dir, docs, Stats{}, nil); err != nil {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	close(stop)
	if err := <-errs; err != nil {
		t.Fatalf("search during switch: %v", err)
	}
	if n := doSearch(t, l, Request{Query: "zorglub"}).Total; n != 1 {
		t.Errorf("after rebuild: %d hits", n)
	}
	if l.Generation() == firstGen {
		t.Error("Live did not switch")
	}
	if _, ok := l.Document("synthetic-test-echappement"); !ok || len(l.Documents()) != 5 || l.Stats().Documents != 5 {
		t.Error("Live documents not from the new generation")
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Search(ctx, Request{}); err == nil {
		t.Error("search after Close")
	}
}
