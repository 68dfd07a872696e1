package site

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"lextraite/corpus"
)

// lookupDocument validates a document id from the URL and finds it. Ids
// outside [a-z0-9-]+ are refused before any lookup (no path traversal).
func (srv *server) lookupDocument(id string) (*corpus.Document, error) {
	if !idPattern.MatchString(id) {
		if s := corpus.Slug(id); s != "" && s != id {
			if _, ok := srv.s.Document(s); ok {
				return nil, badRequest("identifiant de document invalide « %s » : voulez-vous dire « %s » ?", printable(id), s)
			}
		}
		return nil, badRequest("identifiant de document invalide « %s » : lettres minuscules sans accents, chiffres et tirets (ex. un-protocole-traite-2000-fr) ; voir la liste sur /corpus", printable(id))
	}
	d, ok := srv.s.Document(id)
	if !ok || d == nil {
		return nil, notFound("aucun document « %s » dans le corpus ; voir la liste sur /corpus", id)
	}
	return d, nil
}

// printable returns s for an error message: invalid UTF-8 and control
// characters replaced by U+FFFD, at most 40 runes.
func printable(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	return truncateRunes(s, 40)
}

// partCache memoizes the split of documents into pages. Keys are the
// index's document pointers; a reloaded index brings new pointers, so the
// cache is emptied when it grows past partCacheMax.
type partCache struct {
	mu sync.Mutex
	m  map[*corpus.Document][]docPart
}

const partCacheMax = 4096

// parts returns d's pages (one for a short document).
func (srv *server) parts(d *corpus.Document) []docPart {
	srv.partsMemo.mu.Lock()
	defer srv.partsMemo.mu.Unlock()
	if p, ok := srv.partsMemo.m[d]; ok {
		return p
	}
	if srv.partsMemo.m == nil || len(srv.partsMemo.m) >= partCacheMax {
		srv.partsMemo.m = map[*corpus.Document][]docPart{}
	}
	var extra func(int) int
	if srv.hasCitations() {
		// The "renvois" panel: a link per citing or cited text.
		extra = func(i int) int {
			id := d.Provisions[i].ID
			if id == "" {
				id = d.ID + "/" + d.Provisions[i].Anchor
			}
			n := len(srv.citations.Cites(id)) + len(srv.citations.CitedBy(id))
			if n == 0 {
				return 0
			}
			return 220 + 130*n
		}
	}
	p := partition(d, extra)
	srv.partsMemo.m[d] = p
	return p
}

// provisionURL is the site-internal address of provision anchor of d: the
// part holding it when d is split, with the anchor.
func (srv *server) provisionURL(d *corpus.Document, anchor string) string {
	parts := srv.parts(d)
	if len(parts) == 1 || anchor == "" {
		return docURL(d.ID, anchor)
	}
	for i := range d.Provisions {
		if d.Provisions[i].Anchor == anchor {
			return partURL(d.ID, partOf(parts, i)) + "#" + anchor
		}
	}
	return docURL(d.ID, anchor)
}

// permalink is the lasting address of a provision: /doc/{id}#{anchor}, or
// /doc/{id}/{anchor} for a document split into parts (the redirect finds
// the part even if a rebuild moved the cut).
func (srv *server) permalink(d *corpus.Document, anchor string) string {
	if len(srv.parts(d)) > 1 {
		return "/doc/" + d.ID + "/" + anchor
	}
	return docURL(d.ID, anchor)
}

// handleProvisionRedirect serves /doc/{doc_id}/{anchor}: a redirect to the
// page holding the provision, anchor included.
func (srv *server) handleProvisionRedirect(c *gin.Context) error {
	d, p, err := srv.lookupProvision(c)
	if err != nil {
		return err
	}
	c.Redirect(http.StatusFound, srv.provisionURL(d, p.Anchor))
	return nil
}

// versions are the other language versions of d's instrument (same
// work_id, another language), French first, then English, then by code.
func (srv *server) versions(d *corpus.Document) []*corpus.Document {
	if d.WorkID == "" {
		return nil
	}
	var out []*corpus.Document
	for _, o := range srv.s.Documents() {
		if o != nil && o.ID != d.ID && o.WorkID == d.WorkID && o.Language != d.Language && o.Language != "" {
			out = append(out, o)
		}
	}
	rank := func(l string) int {
		switch l {
		case "fr":
			return 0
		case "en":
			return 1
		}
		return 2
	}
	slices.SortFunc(out, func(a, b *corpus.Document) int {
		return cmp.Or(cmp.Compare(rank(a.Language), rank(b.Language)), cmp.Compare(a.Language, b.Language),
			cmp.Compare(a.ID, b.ID))
	})
	return out
}

// extracts are the other documents of the same instrument in the same
// language (extracts of one code).
func (srv *server) extracts(d *corpus.Document) []*corpus.Document {
	if d.WorkID == "" {
		return nil
	}
	var out []*corpus.Document
	for _, o := range srv.s.Documents() {
		if o != nil && o.ID != d.ID && o.WorkID == d.WorkID && o.Language == d.Language {
			out = append(out, o)
		}
	}
	slices.SortFunc(out, func(a, b *corpus.Document) int { return cmp.Compare(a.Title, b.Title) })
	return out
}

// versionLinkOf describes one language version.
func versionLinkOf(o *corpus.Document, current bool) versionLink {
	return versionLink{Lang: o.Language, Language: languageLabel(o.Language), URL: docURL(o.ID, ""),
		Authentic: authenticity(o), Current: current}
}

// handleDocument serves /doc/{doc_id}, or one part of it (?partie=N) when
// the document is too long for one page.
func (srv *server) handleDocument(c *gin.Context) error {
	d, err := srv.lookupDocument(c.Param("doc_id"))
	if err != nil {
		return err
	}
	parts := srv.parts(d)
	n := 1
	if s := c.Query("partie"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			return badRequest("numéro de partie invalide « %s » : un entier de 1 à %d", printable(truncateRunes(s, 20)), len(parts))
		}
		if v > len(parts) {
			return notFound("le document « %s » compte %d partie(s) : pas de partie « %d »", d.ID, len(parts), v)
		}
		n = v
	}
	part := parts[n-1]
	p := &docPage{
		basePage:      srv.base(c, d.Title),
		Doc:           d,
		Kind:          kindLabel(d.Kind),
		Jurisdiction:  jurisdictionLabel(d.Jurisdiction),
		Date:          dateLabel(d.Date),
		Lang:          d.Language,
		Language:      languageLabel(d.Language),
		Authentic:     authenticity(d),
		Transcription: d.Authority == corpus.AuthorityTranscription,
		Warnings:      warnings(d),
		JSONURL:       "/api/doc/" + d.ID,
		Reference:     reference(d, ""),
		NProvisions:   len(d.Provisions),
	}
	if p.Title == "" {
		p.Title = d.ID
	}
	if part.PreEnd > part.PreStart {
		p.Preamble = paragraphs(d.Preamble)[part.PreStart:part.PreEnd]
	}
	if len(parts) > 1 {
		p.Part, p.NParts = n, len(parts)
		p.Title += " — partie " + strconv.Itoa(n) + " sur " + strconv.Itoa(len(parts))
		p.JSONURL += "?partie=" + strconv.Itoa(n) // this part's data, not the whole code's
		if n > 1 {
			p.PrevPart = partURL(d.ID, n-1)
		}
		if n < len(parts) {
			p.NextPart = partURL(d.ID, n+1)
		}
	}

	// Language versions and extracts of the same instrument.
	vers := srv.versions(d)
	if len(vers) > 0 {
		p.Versions = append(p.Versions, versionLinkOf(d, true))
		for _, o := range vers {
			p.Versions = append(p.Versions, versionLinkOf(o, false))
		}
	}
	for _, o := range srv.extracts(d) {
		p.Extracts = append(p.Extracts, link{Label: o.Title, URL: docURL(o.ID, "")})
	}
	// Anchors of each version, for "compare the versions" links.
	verAnchors := make([]map[string]bool, len(vers))
	for i, o := range vers {
		verAnchors[i] = map[string]bool{}
		for _, pr := range o.Provisions {
			verAnchors[i][pr.Anchor] = true
		}
	}

	// Table of contents: the current part's articles in full, the other
	// parts by one line each (their divisions and articles), so that its
	// weight does not grow with the whole code.
	division := "" // top-level division at the end of the previous part
	for _, pt := range parts {
		tp := tocPart{N: pt.N, Label: pt.Label, URL: partURL(d.ID, pt.N), Current: pt.N == n}
		if pt.End > pt.Start {
			first, last := &d.Provisions[pt.Start], &d.Provisions[pt.End-1]
			tp.Label = rangeLabel(first, last)
			if len(first.Path) > 0 && first.Path[0] != division {
				tp.Section = first.Path[0]
			}
			division = ""
			if len(last.Path) > 0 {
				division = last.Path[0]
			}
		}
		if tp.Current {
			section := ""
			for i := pt.Start; i < pt.End; i++ {
				pr := &d.Provisions[i]
				e := tocEntry{Anchor: pr.Anchor, Label: provisionLabel(pr), Heading: provisionHeading(pr), URL: "#" + pr.Anchor}
				if sec := strings.Join(pr.Path, " › "); sec != section {
					e.Section, section = sec, sec
				}
				tp.Entries = append(tp.Entries, e)
			}
		}
		p.TOC = append(p.TOC, tp)
	}
	if len(parts) > 1 {
		// /doc/{id}#anchor of an article in another part: app.js follows
		// /doc/{id}/{anchor}, the redirect to its part.
		p.SplitURL = "/doc/" + d.ID + "/"
	}
	// The reference to copy, rendered by app.js from the article's number:
	// what comes before and after it.
	p.RefPre, p.RefPost, _ = strings.Cut(reference(d, "\x00"), "\x00")
	if w := shortWarnings(d); len(w) > 0 {
		p.RefPost += " [" + strings.Join(w, " ; ") + "]"
	}
	p.RefURL = srv.cfg.PublicURL != ""

	for i := part.Start; i < part.End; i++ {
		pr := &d.Provisions[i]
		v := srv.provisionViewOf(d, pr)
		v.Select, v.ElemID = true, pr.Anchor
		if len(vers) > 0 {
			items := []string{v.ID}
			for j, o := range vers {
				if verAnchors[j][pr.Anchor] && len(items) < maxCompare {
					items = append(items, o.ID+"/"+pr.Anchor)
				}
			}
			if len(items) > 1 {
				v.CompareVersions = idsURL("/comparer", items)
			}
		}
		srv.fillCitations(&v, v.ID)
		p.Provisions = append(p.Provisions, v)
	}
	if len(d.Provisions) == 0 && srv.hasCitations() {
		// A decision or a text without articles: its own citations.
		var v provisionView
		srv.fillCitations(&v, d.ID)
		p.DocCites = &v
	}
	srv.render(c, 200, "doc", p)
	return nil
}

// hasCitations reports whether a citation graph is configured.
func (srv *server) hasCitations() bool {
	_, none := srv.citations.(noCitations)
	return !none
}

// fillCitations sets the "cite" and "cité par" panels of v from the graph,
// laws and decisions apart.
func (srv *server) fillCitations(v *provisionView, id string) {
	if !srv.hasCitations() {
		return
	}
	for _, r := range srv.citations.Cites(id) {
		l, dec := srv.citeLinkOf(r)
		if dec {
			v.CitesDecisions = append(v.CitesDecisions, l)
		} else {
			v.CitesLaws = append(v.CitesLaws, l)
		}
	}
	for _, r := range srv.citations.CitedBy(id) {
		l, dec := srv.citeLinkOf(r)
		if dec {
			v.CitedByDecisions = append(v.CitedByDecisions, l)
		} else {
			v.CitedByLaws = append(v.CitedByLaws, l)
		}
	}
	v.HasCitations = len(v.CitesLaws)+len(v.CitesDecisions)+len(v.CitedByLaws)+len(v.CitedByDecisions) > 0
}

// citeLinkOf turns one end of a citation into a link (none when
// unresolved) and says whether it is a court decision.
func (srv *server) citeLinkOf(r CitationRef) (link, bool) {
	l := link{Label: r.Label}
	dec := r.Kind == "decision" || r.Kind == "ecli" || r.Kind == corpus.KindDecision
	if r.DocID == "" || !idPattern.MatchString(r.DocID) {
		return l, dec
	}
	d, ok := srv.s.Document(r.DocID)
	if !ok {
		return l, dec
	}
	dec = d.Kind == corpus.KindDecision
	if l.Label == "" {
		l.Label = reference(d, "")
		if r.Anchor != "" {
			if pr, ok := findProvision(d, r.Anchor); ok {
				l.Label = referenceTo(d, pr)
			}
		}
	}
	if r.Anchor != "" && idPattern.MatchString(r.Anchor) {
		l.URL = srv.provisionURL(d, r.Anchor)
	} else {
		l.URL = docURL(d.ID, "")
	}
	return l, dec
}
