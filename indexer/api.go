// Package indexer builds lextraite's bleve index from corpus documents and
// searches it. One bleve document is indexed per provision and one per
// document (DESIGN.md, "Index"). The JSON shapes here are the /api/search
// contract of DESIGN.md.
package indexer

import (
	"errors"

	"lextraite/corpus"
)

// ErrBadQuery marks a query the user must fix (syntax, length, expensive
// operators). Errors wrapping it carry a French message saying what to fix;
// the site maps them to 400.
var ErrBadQuery = errors.New("requête invalide")

// ErrNoIndex: the index directory holds no complete index yet.
var ErrNoIndex = errors.New("aucun index construit")

// Request is one search, from the URL parameters of /recherche and
// /api/search (DESIGN.md) or from `lextraite search`.
type Request struct {
	// Query is the user's text, with the operators of the query language.
	Query string
	// Filters, each a list of accepted codes (OR inside one filter, AND
	// between filters): jurisdiction codes, kind codes, years "2012",
	// ISO 639-1 languages.
	Jurisdiction, Kind, Year, Language []string
	// Court filters decisions by the court that gave them, as the decision
	// names it ("Cour de cassation").
	Court []string
	// Offset is the number of hits skipped, Limit the page size (1..100;
	// 0 means 10).
	Offset, Limit int
	// Sort is "" (relevance) or "date" (newest first).
	Sort string
	// Facets asks for Response.Facets: counting the filter values of
	// every hit costs a good part of a search on a large result set, so
	// only the pages that show them ask.
	Facets bool
}

// Response is the /api/search object: {query, total, took_ms, hits}.
type Response struct {
	Query string `json:"query"`
	// Total counts all hits, not only this page.
	Total uint64 `json:"total"`
	// TookMS is the search time in milliseconds.
	TookMS float64 `json:"took_ms"`
	Hits   []Hit   `json:"hits"`
	// Cached is true when Live served the response from its cache
	// (TookMS is then the lookup time). Not part of the JSON.
	Cached bool `json:"-"`

	// Facets are counts per filter value for the whole result set, keyed
	// by "juridiction", "type", "annee", "langue" and, for decisions, "cour"
	// (empty unless Request.Facets). Not part of the API JSON.
	Facets map[string][]FacetCount `json:"-"`
	// Suggestion is a corrected query ("vouliez-vous dire") when the query
	// found little or nothing; "" otherwise. Not part of the API JSON.
	Suggestion string `json:"-"`
}

// FacetCount is one value of a facet and the number of hits having it.
type FacetCount struct {
	Value string
	Count int
}

// Hit is a provision, or a document when the match is in a document without
// provisions or in its title. Field names and meanings follow DESIGN.md.
type Hit struct {
	ID       string `json:"id"`
	DocID    string `json:"doc_id"`
	DocTitle string `json:"doc_title"`
	// Provision is the number as written, "" for a document hit.
	Provision string `json:"provision"`
	Anchor    string `json:"anchor"`
	// URL is relative, with the anchor: /doc/{doc_id}#{anchor}.
	URL string `json:"url"`
	// Snippet is HTML: escaped text with <mark> around matched words.
	Snippet      string  `json:"snippet"`
	Score        float64 `json:"score"`
	Jurisdiction string  `json:"jurisdiction"`
	Kind         string  `json:"kind"`
	Language     string  `json:"language"`
	Date         string  `json:"date"`
	// Source is the corpus-relative path of the file the text was read from.
	Source string `json:"source"`
}

// Stats summarise a build, for `lextraite index` and /corpus.
type Stats struct {
	FilesSeen  int              `json:"files_seen"`
	Documents  int              `json:"documents"`
	Provisions int              `json:"provisions"`
	Skipped    []corpus.Skipped `json:"skipped"`
	// Warnings are about files indexed but needing the user's attention
	// (an id taken by another file, an unknown sidecar key), as
	// corpus.Report.Warnings gives them.
	Warnings []corpus.Skipped `json:"warnings,omitempty"`
	// BuiltAt is the RFC 3339 time the build finished.
	BuiltAt string `json:"built_at"`
	// Corpus lists the corpus folders read (absolute paths) and Fingerprint
	// identifies their files (paths, sizes, modification times) and the
	// metadata folder, so `serve -corpus` knows when to rebuild.
	Corpus      []string `json:"corpus,omitempty"`
	Fingerprint string   `json:"fingerprint,omitempty"`
	// TextBytes is the size of all indexed text, for MB/s figures.
	TextBytes int64 `json:"text_bytes"`
	// Program is corpus.ProgramHash of the lextraite that built the
	// generation (set by Build): `serve -corpus` rebuilds an index made by
	// another version, whose parsing and analysis may differ.
	Program string `json:"program,omitempty"`
	// Update says whether the generation was built in full or updated
	// from the previous one, and how many bleve documents changed.
	Update *Update `json:"update,omitempty"`
}
