package site

import (
	"html/template"
	"net/url"
	"regexp"
	"strings"

	"github.com/gin-gonic/gin"

	"lextraite/corpus"
	"lextraite/indexer"
)

// basePage is what the layout (base.html) needs; every page embeds it.
type basePage struct {
	// Title is the page's <title> and <h1>, without the site name.
	Title string
	// Query is the value of the search box in the header.
	Query string
	// Path is the page's address (path and query), printed under the title.
	Path string
	// PublicURL prefixes Path in print when the site knows its address.
	PublicURL string
	// HideSearch drops the header search box (the home page has its own).
	HideSearch bool
	// Bare drops the header and footer (printable export).
	Bare bool
	// Keep are hidden fields of the header search form: the active filters
	// and sort, so a new query keeps them.
	Keep []field
}

// field is a name and value of a hidden form input.
type field struct{ Name, Value string }

// base fills a basePage for the current request.
func (srv *server) base(c *gin.Context, title string) basePage {
	return basePage{Title: title, Path: c.Request.URL.RequestURI(), PublicURL: srv.cfg.PublicURL}
}

// homePage is the search form at /.
type homePage struct {
	basePage
	Documents, Provisions int
	Examples              []link
}

// link is a labelled URL; Current marks the one in force.
type link struct {
	Label, URL string
	Current    bool
}

// errorPage explains a failed request in French.
type errorPage struct {
	basePage
	Status  int
	Message string
}

// resultsPage is /recherche.
type resultsPage struct {
	basePage
	Params searchParams
	// Searched is false when there was nothing to search (no query, no
	// filter): the page then only shows the form.
	Searched   bool
	Total      uint64
	TookMS     float64
	From, To   int // 1-based positions of the first and last hit shown
	Groups     []hitGroup
	Facets     []facetView
	Active     []link // active filters; URL removes the filter
	Sorts      []link
	Pages      []pageLink
	Prev, Next string
	// Suggestion is the corrected query, SuggestionURL its search.
	Suggestion, SuggestionURL string
	// ClearFiltersURL keeps the query and drops every filter.
	ClearFiltersURL string
	// FirstPageURL is set when the page asked lies past the last hit.
	FirstPageURL string
	// Selectable is true when some hit is a provision: the hits are then
	// wrapped in the working-set form.
	Selectable bool
}

// hitGroup is the hits of one document, best first.
type hitGroup struct {
	DocID, DocTitle, DocURL        string
	Kind, Jurisdiction, Date, Lang string
	Transcription                  bool
	Warnings                       []string
	Hits                           []hitView
}

// hitView is one hit as shown.
type hitView struct {
	// ProvisionID is the value of the working-set checkbox; "" for a
	// document hit.
	ProvisionID string
	Label       string // "Art. 225-4-1" or "Document"
	Heading     string
	Path        []string
	Snippet     template.HTML // sanitized
	URL         string
}

// facetView is one facet and its values as filter links.
type facetView struct {
	Param, Name string
	Values      []facetValue
}

// facetValue is one value of a facet; URL toggles it.
type facetValue struct {
	Label  string
	Count  int
	URL    string
	Active bool
}

// pageLink is one link of the pagination; Gap is an ellipsis.
type pageLink struct {
	N       int
	URL     string
	Current bool
	Gap     bool
}

// docPage is /doc/{doc_id}.
type docPage struct {
	basePage
	Doc                                      *corpus.Document
	Kind, Jurisdiction, Date, Lang, Language string
	Transcription                            bool
	Warnings                                 []string
	Preamble                                 []string
	TOC                                      []tocEntry
	Provisions                               []provisionView
	JSONURL                                  string
}

// tocEntry is one line of the table of contents; Section is set when the
// breadcrumb changes, to head a group of lines.
type tocEntry struct {
	Anchor, Label, Heading, Section string
}

// provisionView is one provision as shown on a document page, in a
// comparison or in an export.
type provisionView struct {
	ID, Anchor, Label, Heading string
	Path                       []string
	Paragraphs                 []string
	// Lang is set when the provision's language differs from the page's.
	Lang string
	// Permalink is /doc/{doc_id}#{anchor}, absolute when PublicURL is set.
	Permalink string
	// Reference is the citation to copy, warnings included.
	Reference string
	// Select shows the working-set checkbox and ElemID is the element's id
	// (the anchor), both on the document page only: a comparison may hold
	// two provisions with the same anchor.
	Select bool
	ElemID string
	// Document context, for comparisons and exports.
	DocTitle, DocURL string
	Transcription    bool
	Warnings         []string
}

// corpusPage is /corpus.
type corpusPage struct {
	basePage
	Docs       []corpusDoc
	Incomplete []corpusDoc
	Skipped    []corpus.Skipped
	Stats      indexer.Stats
	BuiltAt    string // in French
}

// corpusDoc is one line of the corpus table.
type corpusDoc struct {
	ID, Title, URL, Kind, Jurisdiction, Date, Authority string
	Transcription                                       bool
	Notes, Incomplete                                   []string
	Provisions                                          int
}

// comparePage is /comparer: 2 to 4 provisions side by side.
type comparePage struct {
	basePage
	Items     []provisionView
	ExportMD  string
	ExportHTM string
}

// exportPage is /export?format=html: printable provisions.
type exportPage struct {
	basePage
	Items    []provisionView
	ExportMD string
}

// idPattern is the form of document ids and anchors (DESIGN.md).
var idPattern = regexp.MustCompile(`^[a-z0-9-]{1,200}$`)

// docURL is the relative address of a document or of one of its provisions.
func docURL(docID, anchor string) string {
	u := "/doc/" + url.PathEscape(docID)
	if anchor != "" {
		u += "#" + url.PathEscape(anchor)
	}
	return u
}

// absolute prefixes a relative URL with the public address, if known.
func (srv *server) absolute(u string) string {
	return srv.cfg.PublicURL + u
}

// paragraphs splits a text on blank lines; single newlines stay (the
// stylesheet keeps them with white-space: pre-line).
func paragraphs(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n"))
			cur = cur[:0]
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cur = append(cur, strings.TrimRight(line, " \t"))
	}
	flush()
	return out
}

// findProvision returns the provision of d with that anchor.
func findProvision(d *corpus.Document, anchor string) (*corpus.Provision, bool) {
	for i := range d.Provisions {
		if d.Provisions[i].Anchor == anchor {
			return &d.Provisions[i], true
		}
	}
	return nil, false
}

// provisionViewOf builds the view of provision p of d.
func (srv *server) provisionViewOf(d *corpus.Document, p *corpus.Provision) provisionView {
	v := provisionView{
		ID:            p.ID,
		Anchor:        p.Anchor,
		Label:         articleLabel(p.Number),
		Heading:       p.Heading,
		Path:          p.Path,
		Paragraphs:    paragraphs(p.Text),
		Permalink:     srv.absolute(docURL(d.ID, p.Anchor)),
		DocTitle:      d.Title,
		DocURL:        docURL(d.ID, ""),
		Transcription: d.Authority == corpus.AuthorityTranscription,
		Warnings:      warnings(d),
	}
	if v.ID == "" {
		v.ID = d.ID + "/" + p.Anchor
	}
	if p.Language != "" && p.Language != d.Language {
		v.Lang = p.Language
	}
	v.Reference = reference(d, p.Number)
	if len(v.Warnings) > 0 {
		v.Reference += " [" + strings.Join(v.Warnings, " ; ") + "]"
	}
	if srv.cfg.PublicURL != "" {
		v.Reference += " — " + v.Permalink
	}
	return v
}

// funcs are the template functions.
func (srv *server) funcs() template.FuncMap {
	return template.FuncMap{
		"static": srv.static.url,
		"join":   strings.Join,
	}
}
