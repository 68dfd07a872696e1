package site

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"lextraite/corpus"
	"lextraite/indexer"
)

// apiSearch serves /api/search: the indexer.Response JSON, exactly.
func (srv *server) apiSearch(c *gin.Context) error {
	params, err := parseSearchParams(c.Request.URL.Query(), true)
	if err != nil {
		return err
	}
	resp := &indexer.Response{Query: params.Query, Hits: []indexer.Hit{}}
	if !params.empty() {
		if resp, err = srv.search(c.Request.Context(), params); err != nil {
			return err
		}
	}
	out := *resp
	if out.Hits == nil {
		out.Hits = []indexer.Hit{}
	}
	srv.writeJSON(c, http.StatusOK, &out)
	return nil
}

// apiDoc is the /api/doc/{doc_id} JSON of DESIGN.md (Contracts), exactly:
// the model's internal fields (format, preamble, citations…) stay out.
type apiDoc struct {
	ID           string            `json:"id"`
	WorkID       string            `json:"work_id"`
	FRBRURI      string            `json:"frbr_uri"`
	Title        string            `json:"title"`
	ShortTitles  []string          `json:"short_titles"`
	Kind         string            `json:"kind"`
	Jurisdiction string            `json:"jurisdiction"`
	Language     string            `json:"language"`
	Date         string            `json:"date"`
	Number       string            `json:"number"`
	Source       string            `json:"source"`
	Authority    string            `json:"authority"`
	Notes        []string          `json:"notes"`
	Provisions   []apiDocProvision `json:"provisions"`
}

// apiDocProvision is one provision inside /api/doc:
// {id, anchor, number, heading, path, text, language}, the Contracts of
// DESIGN.md, plus kind for a provision that is not an article (annexe,
// formule, connexe, passage: corpus.Provision.Kind), absent for an
// article.
type apiDocProvision struct {
	ID       string   `json:"id"`
	Anchor   string   `json:"anchor"`
	Number   string   `json:"number"`
	Heading  string   `json:"heading"`
	Path     []string `json:"path"`
	Text     string   `json:"text"`
	Language string   `json:"language"`
	Kind     string   `json:"kind,omitempty"`
}

// maxAPIDocText bounds the text /api/doc serialises in one response
// without ?partie: a longer document (a user's huge PDF) must be asked for
// part by part. The largest text of the shared corpus (the Canadian
// Criminal Code, 2.6 MB of JSON) is well under it.
const maxAPIDocText = 8 << 20

// apiDocPart is /api/doc/{doc_id}?partie=N: the contract's document with
// only the provisions of part N (the parts of the HTML page), and where it
// stands: Part of Parts, ProvisionsTotal in the whole document, and Next,
// the address of the next part ("" on the last).
type apiDocPart struct {
	apiDoc
	Part            int    `json:"part"`
	Parts           int    `json:"parts"`
	ProvisionsTotal int    `json:"provisions_total"`
	Next            string `json:"next"`
}

// apiDocument serves /api/doc/{doc_id}, every list [] rather than null:
// the whole document (DESIGN.md, Contracts), or with ?partie=N one part of
// it, cut as the HTML page cuts long documents (at most partBytes of
// estimated page weight unless one provision alone is heavier; a part may
// hold only the text before the articles, and then no provision).
// ?format=akn gives Akoma Ntoso.
func (srv *server) apiDocument(c *gin.Context) error {
	d, err := srv.lookupDocument(c.Param("doc_id"))
	if err != nil {
		return err
	}
	format := c.Query("format")
	switch format {
	case "", "json", "akn":
	default:
		return badRequest("format %q inconnu : json (par défaut) ou akn (Akoma Ntoso)", truncateRunes(format, 20))
	}
	parts := srv.parts(d)
	part := 0
	if s, ok := c.GetQuery("partie"); ok {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return badRequest("numéro de partie invalide « %s » : un entier de 1 à %d", truncateRunes(s, 20), len(parts))
		}
		if n > len(parts) {
			return notFound("le document « %s » compte %d partie(s) : pas de partie %d", d.ID, len(parts), n)
		}
		if format == "akn" {
			return badRequest("l'export Akoma Ntoso porte sur le document entier : retirez « partie »")
		}
		part = n
	}
	if part == 0 {
		if n := docTextBytes(d); n > maxAPIDocText {
			return badRequest("le document « %s » est trop long pour une seule réponse (%d dispositions, %.1f Mo de texte) : "+
				"demandez-le partie par partie, /api/doc/%s?partie=1 à %d", d.ID, len(d.Provisions), float64(n)/(1<<20), d.ID, len(parts))
		}
	}
	if format == "akn" {
		// Akoma Ntoso 3.0 (OASIS LegalDocML), for exchange with
		// Laws.Africa / AfricanLII tools.
		x, err := corpus.ExportAKN(d)
		if err != nil {
			return err
		}
		c.Header("Content-Disposition", `inline; filename="`+d.ID+`.akn.xml"`)
		srv.write(c, http.StatusOK, "application/akn+xml; charset=utf-8", x)
		return nil
	}
	start, end := 0, len(d.Provisions)
	if part > 0 {
		start, end = parts[part-1].Start, parts[part-1].End
	}
	out := apiDoc{ID: d.ID, WorkID: d.WorkID, FRBRURI: d.FRBRURI, Title: d.Title, ShortTitles: nonNil(d.ShortTitles),
		Kind: d.Kind, Jurisdiction: d.Jurisdiction, Language: d.Language, Date: d.Date, Number: d.Number,
		Source: d.Source, Authority: d.Authority, Notes: nonNil(d.Notes), Provisions: make([]apiDocProvision, 0, end-start)}
	for i := start; i < end; i++ {
		out.Provisions = append(out.Provisions, provisionJSON(d, &d.Provisions[i]))
	}
	if part == 0 {
		srv.writeJSON(c, http.StatusOK, &out)
		return nil
	}
	pj := apiDocPart{apiDoc: out, Part: part, Parts: len(parts), ProvisionsTotal: len(d.Provisions)}
	if part < len(parts) {
		pj.Next = "/api/doc/" + d.ID + "?partie=" + strconv.Itoa(part+1)
	}
	srv.writeJSON(c, http.StatusOK, &pj)
	return nil
}

// docTextBytes is the size of d's provisions' text and headings.
func docTextBytes(d *corpus.Document) int {
	n := 0
	for i := range d.Provisions {
		n += len(d.Provisions[i].Text) + len(d.Provisions[i].Heading)
	}
	return n
}

// apiProvision is the /api/provision JSON: the provision's fields of
// /api/doc plus the citations both ways.
type apiProvision struct {
	apiDocProvision
	Cites   []CitationRef `json:"cites"`
	CitedBy []CitationRef `json:"cited_by"`
}

// provisionJSON is a provision as /api/doc and /api/provision show it.
func provisionJSON(d *corpus.Document, p *corpus.Provision) apiDocProvision {
	id := p.ID
	if id == "" {
		id = d.ID + "/" + p.Anchor
	}
	return apiDocProvision{ID: id, Anchor: p.Anchor, Number: p.Number, Heading: p.Heading,
		Path: nonNil(p.Path), Text: p.Text, Language: p.Language, Kind: p.Kind}
}

// apiProvision serves /api/provision/{doc_id}/{anchor}.
func (srv *server) apiProvision(c *gin.Context) error {
	d, p, err := srv.lookupProvision(c)
	if err != nil {
		return err
	}
	out := apiProvision{apiDocProvision: provisionJSON(d, p)}
	out.Cites = nonNil(srv.citations.Cites(out.ID))
	out.CitedBy = nonNil(srv.citations.CitedBy(out.ID))
	srv.writeJSON(c, http.StatusOK, &out)
	return nil
}

// lookupProvision finds the provision of the route's doc_id and anchor
// parameters; an invalid or unknown one is a 404.
func (srv *server) lookupProvision(c *gin.Context) (*corpus.Document, *corpus.Provision, error) {
	d, err := srv.lookupDocument(c.Param("doc_id"))
	if err != nil {
		return nil, nil, err
	}
	anchor := c.Param("anchor")
	if !idPattern.MatchString(anchor) {
		if l := strings.ToLower(anchor); l != anchor && idPattern.MatchString(l) {
			if _, ok := findProvision(d, l); ok {
				return nil, nil, badRequest("ancre de disposition invalide « %s » : voulez-vous dire « %s » ?", printable(anchor), l)
			}
		}
		return nil, nil, badRequest("ancre de disposition invalide « %s » : lettres minuscules, chiffres et tirets (art-3, art-225-4-1, art-305bis)", printable(anchor))
	}
	p, ok := findProvision(d, anchor)
	if !ok {
		return nil, nil, notFound("aucune disposition « %s » dans le document « %s »", anchor, d.ID)
	}
	return d, p, nil
}

// healthz serves /healthz: {"status":"ok","documents":N}.
func (srv *server) healthz(c *gin.Context) error {
	srv.writeJSON(c, http.StatusOK, struct {
		Status    string `json:"status"`
		Documents int    `json:"documents"`
	}{"ok", len(srv.s.Documents())})
	return nil
}

// nonNil returns s, or an empty slice for nil, so JSON shows [] not null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
