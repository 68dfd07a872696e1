package site

import (
	"context"
	"fmt"
	"html"
	"slices"
	"strconv"
	"sync"

	"lextraite/corpus"
	"lextraite/indexer"
)

// fakeSearcher is a Searcher over a few SYNTHETIC documents: their titles
// and texts are neutral placeholders, not law. Its Search matches every
// provision and document (after filters) and reacts to a few magic queries:
//
//	"erreur"      → an error wrapping indexer.ErrBadQuery
//	"panique"     → a panic
//	"introuvable" → no hit, with a suggestion
//	"piege"       → one hit whose snippet holds forbidden tags
//	"attente"     → signals entered, then waits until hold is closed
type fakeSearcher struct {
	// entered and hold, when set, are what an "attente" search signals
	// and waits for.
	entered, hold chan struct{}

	docs    []*corpus.Document
	skipped []corpus.Skipped
	// stats, when set, is what Stats returns (a real build's summary).
	stats *indexer.Stats

	mu   sync.Mutex
	last indexer.Request
}

// newFake returns the fake with three synthetic documents.
func newFake() *fakeSearcher {
	alpha := &corpus.Document{
		ID: "synth-code-alpha", WorkID: "synth-code-alpha", FRBRURI: "/akn/ml/act/code/synth/alpha",
		Title: "Document synthétique Alpha (test)", ShortTitles: []string{"Alpha synthétique"},
		Kind: corpus.KindCode, Jurisdiction: "ml", Language: "fr", Date: "2000-01-01",
		Number: "SYN-1", Source: "synthetique/alpha", Authority: corpus.AuthorityOfficiel,
		Notes: []string{},
	}
	for i := 1; i <= 12; i++ {
		num := strconv.Itoa(i)
		if i == 1 {
			num = "premier"
		}
		p := corpus.Provision{
			ID: "synth-code-alpha/" + corpus.Anchor(num), Anchor: corpus.Anchor(num), Number: num,
			Path: []string{"Titre I"}, Language: "fr",
			Text: "Texte synthétique de test, alinéa un.\n\nTexte synthétique de test, alinéa deux.",
		}
		if i == 1 {
			p.Heading = "Objet synthétique"
		}
		if i > 6 {
			p.Path = []string{"Titre I", "Chapitre 2"}
		}
		alpha.Provisions = append(alpha.Provisions, p)
	}
	beta := &corpus.Document{
		ID: "synth-loi-beta", Title: "Document synthétique Bêta (test)",
		Kind: corpus.KindLoi, Jurisdiction: "sn", Language: "fr", Date: "2001-02-03",
		Number: "0000-001", Source: "synthetique/beta.md", Authority: corpus.AuthorityTranscription,
		Notes: []string{"Texte partiel (note synthétique)."},
		Provisions: []corpus.Provision{
			{ID: "synth-loi-beta/art-1", Anchor: "art-1", Number: "1", Heading: "Intitulé synthétique",
				Text: "Texte synthétique de test, alinéa un.", Language: "fr"},
			{ID: "synth-loi-beta/art-2", Anchor: "art-2", Number: "2",
				Text: "Texte synthétique de test, alinéa un.", Language: "fr"},
		},
	}
	gamma := &corpus.Document{
		ID: "synth-traite-gamma", Title: "Synthetic document Gamma (test)",
		Kind: corpus.KindTraite, Jurisdiction: "int", Language: "en",
		Source: "synthetique/gamma.txt", Authority: corpus.AuthorityOfficiel,
		Preamble:   "Synthetic test text, paragraph one.",
		Incomplete: []string{"date"},
	}
	return &fakeSearcher{
		docs: []*corpus.Document{alpha, beta, gamma},
		skipped: []corpus.Skipped{{Path: "synthetique/scan.pdf",
			Reason: "aucune couche texte (document numérisé) : à océriser", Code: "no-text"}},
	}
}

func (f *fakeSearcher) lastRequest() indexer.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.last
}

func (f *fakeSearcher) Search(ctx context.Context, r indexer.Request) (*indexer.Response, error) {
	f.mu.Lock()
	f.last = r
	f.mu.Unlock()
	switch r.Query {
	case "erreur":
		return nil, fmt.Errorf("%w : parenthèse fermante manquante après « (traite »", indexer.ErrBadQuery)
	case "panique":
		panic("panique synthétique")
	case "attente":
		f.entered <- struct{}{}
		<-f.hold // a search that does not heed its deadline
	case "introuvable":
		return &indexer.Response{Query: r.Query, Suggestion: "synthétique"}, nil
	case "piege":
		return &indexer.Response{Query: r.Query, Total: 1, Hits: []indexer.Hit{{
			ID: "synth-loi-beta/art-1", DocID: "synth-loi-beta", DocTitle: "Document synthétique Bêta (test)",
			Provision: "1", Anchor: "art-1", URL: "/doc/synth-loi-beta#art-1",
			Snippet: `texte <mark>piege</mark> <script>alert(1)</script> <b onclick="x()">gras</b> &amp; fin`,
		}}}, nil
	}
	var all []indexer.Hit
	mark := "<mark>" + html.EscapeString(r.Query) + "</mark> "
	for _, d := range f.docs {
		if !accept(r.Jurisdiction, d.Jurisdiction) || !accept(r.Kind, d.Kind) ||
			!accept(r.Language, d.Language) || !accept(r.Year, yearOf(d.Date)) {
			continue
		}
		hit := indexer.Hit{DocID: d.ID, DocTitle: d.Title, Jurisdiction: d.Jurisdiction, Kind: d.Kind,
			Language: d.Language, Date: d.Date, Score: 1}
		if len(d.Provisions) == 0 {
			h := hit
			h.ID, h.URL, h.Source = d.ID, "/doc/"+d.ID, d.Source
			h.Snippet = mark + html.EscapeString(d.Preamble)
			all = append(all, h)
		}
		for _, p := range d.Provisions {
			h := hit
			h.ID, h.Provision, h.Anchor, h.URL, h.Source = p.ID, p.Number, p.Anchor, "/doc/"+d.ID+"#"+p.Anchor, d.Source
			h.Snippet = mark + html.EscapeString(p.Text)
			all = append(all, h)
		}
	}
	resp := &indexer.Response{Query: r.Query, Total: uint64(len(all)), TookMS: 1.5, Facets: facets(all)}
	limit := r.Limit
	if limit == 0 {
		limit = 10
	}
	if r.Offset < len(all) {
		resp.Hits = all[r.Offset:min(len(all), r.Offset+limit)]
	}
	return resp, nil
}

func accept(filter []string, v string) bool { return len(filter) == 0 || slices.Contains(filter, v) }

func yearOf(date string) string {
	if len(date) >= 4 {
		return date[:4]
	}
	return ""
}

func facets(hits []indexer.Hit) map[string][]indexer.FacetCount {
	out := map[string][]indexer.FacetCount{}
	add := func(facet, v string) {
		if v == "" {
			return
		}
		for i := range out[facet] {
			if out[facet][i].Value == v {
				out[facet][i].Count++
				return
			}
		}
		out[facet] = append(out[facet], indexer.FacetCount{Value: v, Count: 1})
	}
	for _, h := range hits {
		add("juridiction", h.Jurisdiction)
		add("type", h.Kind)
		add("annee", yearOf(h.Date))
		add("langue", h.Language)
	}
	return out
}

func (f *fakeSearcher) Document(id string) (*corpus.Document, bool) {
	for _, d := range f.docs {
		if d.ID == id {
			return d, true
		}
	}
	return nil, false
}

func (f *fakeSearcher) Documents() []*corpus.Document { return f.docs }

func (f *fakeSearcher) Stats() indexer.Stats {
	if f.stats != nil {
		return *f.stats
	}
	n := 0
	for _, d := range f.docs {
		n += len(d.Provisions)
	}
	return indexer.Stats{FilesSeen: 4, Documents: len(f.docs), Provisions: n,
		Skipped: f.skipped, BuiltAt: "2000-01-01T00:00:00Z"}
}

// fakeCitations is a CitationGraph with one synthetic citation.
type fakeCitations struct{}

func (fakeCitations) Cites(id string) []CitationRef {
	if id == "synth-loi-beta/art-1" {
		return []CitationRef{{ID: "synth-code-alpha/art-1", DocID: "synth-code-alpha", Anchor: "art-1",
			Label: "Alpha synthétique, art. premier", Kind: "article"}}
	}
	return nil
}

func (fakeCitations) CitedBy(string) []CitationRef { return nil }
