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
	// Selection is the number of provisions in the working set (cookie).
	Selection int
	// Keep are hidden fields of the header search form: the active filters
	// and sort, so a new query keeps them.
	Keep []field
}

// field is a name and value of a hidden form input.
type field struct{ Name, Value string }

// base fills a basePage for the current request.
func (srv *server) base(c *gin.Context, title string) basePage {
	return basePage{Title: title, Path: c.Request.URL.RequestURI(), PublicURL: srv.cfg.PublicURL,
		Selection: len(selectionIDs(c.Request))}
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
	// Missing names the acts the query designates by number that the
	// catalog knows but the base does not hold ("Loi n° 2012-023 du 12
	// juillet 2012 (Mali)").
	Missing []string
	// Absent names the jurisdictions the filters ask for that no text of
	// the base belongs to ("zz", "ml" before Mali's law is added), and
	// Present lists those the base holds, for the note that says so.
	Absent  []string
	Present string
}

// hitGroup is the hits of one document, best first.
type hitGroup struct {
	DocID, DocTitle, DocURL        string
	Kind, Jurisdiction, Date, Lang string
	Transcription                  bool
	// Authentic is "fait foi", "traduction" or "".
	Authentic string
	// Warnings are the short cautions (transcription, partial text…).
	Warnings []string
	// Notes are the document's full notes, behind a disclosure.
	Notes []string
	Hits  []hitView
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
	// URL opens the provision in its page; Permalink is its lasting address.
	URL, Permalink string
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

// docPage is /doc/{doc_id}, or one part of it.
type docPage struct {
	basePage
	Doc                                      *corpus.Document
	Kind, Jurisdiction, Date, Lang, Language string
	// Authentic is "fait foi", "traduction" or "" (unknown).
	Authentic     string
	Transcription bool
	Warnings      []string
	// Reference names the instrument, for citing the whole document.
	Reference   string
	Preamble    []string
	NProvisions int
	// TOC lists every part; the current one's articles in full.
	TOC        []tocPart
	Provisions []provisionView
	// Part and NParts are set when the document is split (1-based).
	Part, NParts       int
	PrevPart, NextPart string
	// SplitURL is "/doc/{id}/" for a document split into parts: app.js
	// sends a fragment naming an article of another part there.
	SplitURL string
	// RefPre and RefPost surround an article's number in the reference to
	// copy, which app.js builds on the page (RefURL: the permalink follows).
	RefPre, RefPost string
	RefURL          bool
	// Versions are the language versions of the instrument, this one
	// included (Current); Extracts the other extracts in this language.
	Versions []versionLink
	Extracts []link
	// DocCites holds the citation panels of a document without provisions.
	DocCites *provisionView
	JSONURL  string
}

// tocPart is one part of a document in the table of contents.
type tocPart struct {
	N          int
	Label, URL string
	// Section is the top-level division the part opens, when it changes.
	Section string
	Current bool
	Entries []tocEntry
}

// tocEntry is one line of the table of contents; Section is set when the
// breadcrumb changes, to head a group of lines. URL is "#anchor" on the
// current page, else the part's address with the anchor.
type tocEntry struct {
	Anchor, Label, Heading, Section, URL string
}

// versionLink is one language version of an instrument.
type versionLink struct {
	Lang, Language, URL string
	// Authentic is "fait foi", "traduction" or "".
	Authentic string
	Current   bool
}

// provisionView is one provision as shown on a document page, in a
// comparison or in an export.
type provisionView struct {
	ID, Anchor, Label, Heading string
	Number                     string
	Path                       []string
	Paragraphs                 []string
	// Linked is Paragraphs as escaped HTML with citations as links.
	Linked []template.HTML
	// Lang is set when the provision's language differs from the page's.
	Lang string
	// Permalink is /doc/{doc_id}#{anchor} (/doc/{doc_id}/{anchor} for a
	// document split into parts), absolute when PublicURL is set.
	Permalink string
	// Reference is the citation to copy, short warnings included.
	Reference string
	// Select shows the working-set checkbox and ElemID is the element's id
	// (the anchor), both on the document page only: a comparison may hold
	// two provisions with the same anchor.
	Select bool
	ElemID string
	// CompareVersions compares this provision with the same article of the
	// instrument's other language versions.
	CompareVersions string
	// Citation panels, laws and decisions apart (DESIGN: "cité par").
	HasCitations                  bool
	CitesLaws, CitesDecisions     []link
	CitedByLaws, CitedByDecisions []link
	// OCR marks text that comes from optical character recognition.
	OCR bool
	// Document context, for comparisons and exports.
	DocTitle, DocURL string
	DocLang          string
	Transcription    bool
	Warnings         []string
}

// corpusPage is /corpus: the index's summary, the files not indexed and
// the incomplete documents in full, then one page of the document list.
type corpusPage struct {
	basePage
	// Docs are the rows of the current page of the list.
	Docs []corpusDoc
	// Incomplete are all the documents with incomplete metadata.
	Incomplete []corpusDoc
	Skipped    []skippedView
	// Warnings are files indexed that need the user's attention.
	Warnings []skippedView
	Stats    indexer.Stats
	BuiltAt  string // in French
	// Build says when and how the index was built, in a sentence.
	Build string
	// NDocs counts every document; Matching those passing the filters.
	NDocs, Matching int
	// Jurisdictions and Kinds are the documents counted by code, each a
	// link filtering the list.
	Jurisdictions, Kinds []countLink
	Filter               corpusParams
	// Active are the filters in force, each URL removing one; ClearURL
	// removes them all.
	Active   []link
	ClearURL string
	// From and To are the 1-based positions of the first and last rows.
	From, To int
	// Pages, Prev and Next are the pagination; LastPage the number of pages.
	Pages      []pageLink
	Prev, Next string
	LastPage   int
	// PastEnd is the page asked when it lies past the last one;
	// LastPageURL then leads to the last page.
	PastEnd     int
	LastPageURL string
}

// countLink is a code, its label and count; URL filters on it (none for
// codes that cannot be filtered on); Active marks the filter in force.
type countLink struct {
	Value, Label, URL string
	Count             int
	Active            bool
}

// corpusDoc is one line of the corpus table.
type corpusDoc struct {
	ID, Title, URL, Kind, Jurisdiction, Date, Authority string
	Language                                            string
	Transcription                                       bool
	Notes, Incomplete                                   []string
	Provisions                                          int
	// SameNotes: the row above, on the same page, has the same warnings
	// (the decisions of one Judilibre list), shown once to keep it light.
	SameNotes bool
}

// comparePage is /comparer: 2 to 4 provisions side by side.
type comparePage struct {
	basePage
	Items []provisionView
	// Rows are the texts aligned paragraph by paragraph, one cell per item.
	Rows      []compareRow
	ExportMD  string
	ExportHTM string
}

// compareRow is one aligned row of a comparison.
type compareRow struct {
	Label string
	Cells []compareCell
}

// compareCell is one item's paragraph in a row ("" past its last one).
type compareCell struct {
	Text, Lang string
}

// selectionPage is /selection: the working set kept in a cookie.
type selectionPage struct {
	basePage
	Items []provisionView
	// Missing are ids no longer in the corpus (after a rebuild).
	Missing                         []string
	CompareURL, ExportMD, ExportHTM string
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
	for _, para := range paragraphLines(text) {
		lines := make([]string, len(para))
		for i, l := range para {
			lines[i] = text[l[0]:l[1]]
		}
		out = append(out, strings.Join(lines, "\n"))
	}
	return out
}

// paragraphLines gives the paragraphs of text (separated by blank lines)
// as the byte ranges of their lines, trailing spaces and tabs excluded.
// paragraphs and linkedParagraphs both split text this way.
func paragraphLines(text string) [][][2]int {
	var out [][][2]int
	var cur [][2]int
	start := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		from := start
		start += len(line)
		body := strings.TrimRight(strings.TrimSuffix(line, "\n"), " \t")
		if strings.TrimSpace(body) == "" {
			if len(cur) > 0 {
				out, cur = append(out, cur), nil
			}
			continue
		}
		cur = append(cur, [2]int{from, from + len(body)})
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
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
		Label:         provisionLabel(p),
		Heading:       provisionHeading(p),
		Path:          p.Path,
		Paragraphs:    paragraphs(p.Text),
		Linked:        linkedParagraphs(p.Text, p.Citations, citationHref),
		Number:        p.Number,
		OCR:           p.OCR,
		Permalink:     srv.absolute(srv.permalink(d, p.Anchor)),
		DocLang:       d.Language,
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
	v.Reference = referenceTo(d, p)
	if w := shortWarnings(d); len(w) > 0 {
		v.Reference += " [" + strings.Join(w, " ; ") + "]"
	}
	if srv.cfg.PublicURL != "" {
		v.Reference += " — " + v.Permalink
	}
	return v
}

// funcs are the template functions.
func (srv *server) funcs() template.FuncMap {
	return template.FuncMap{
		"static":  srv.static.url,
		"join":    strings.Join,
		"add":     func(a, b int) int { return a + b },
		"langAdj": languageAdjective,
		// pair bundles a heading and links for the "citelist" template.
		"pair": func(h string, l []link) struct {
			H string
			L []link
		} {
			return struct {
				H string
				L []link
			}{h, l}
		},
	}
}

// citationHref is where a resolved citation links: the provision's
// permalink (which finds the right part of a long document) or the
// document; "" when unresolved.
func citationHref(c corpus.Citation) string {
	if c.Target == "" {
		return ""
	}
	return "/doc/" + c.Target
}
