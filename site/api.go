package site

import (
	"lextraite/corpus"
	"net/http"

	"github.com/gin-gonic/gin"

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
// {id, anchor, number, heading, path, text, language}.
type apiDocProvision struct {
	ID       string   `json:"id"`
	Anchor   string   `json:"anchor"`
	Number   string   `json:"number"`
	Heading  string   `json:"heading"`
	Path     []string `json:"path"`
	Text     string   `json:"text"`
	Language string   `json:"language"`
}

// apiDocument serves /api/doc/{doc_id}, every list [] rather than null.
func (srv *server) apiDocument(c *gin.Context) error {
	d, err := srv.lookupDocument(c.Param("doc_id"))
	if err != nil {
		return err
	}
	switch c.Query("format") {
	case "", "json":
	case "akn":
		// Akoma Ntoso 3.0 (OASIS LegalDocML), for exchange with
		// Laws.Africa / AfricanLII tools.
		x, err := corpus.ExportAKN(d)
		if err != nil {
			return err
		}
		c.Header("Content-Disposition", `inline; filename="`+d.ID+`.akn.xml"`)
		c.Data(http.StatusOK, "application/akn+xml; charset=utf-8", x)
		return nil
	default:
		return badRequest("format %q inconnu : json (par défaut) ou akn (Akoma Ntoso)", c.Query("format"))
	}
	out := apiDoc{ID: d.ID, WorkID: d.WorkID, FRBRURI: d.FRBRURI, Title: d.Title, ShortTitles: nonNil(d.ShortTitles),
		Kind: d.Kind, Jurisdiction: d.Jurisdiction, Language: d.Language, Date: d.Date, Number: d.Number,
		Source: d.Source, Authority: d.Authority, Notes: nonNil(d.Notes), Provisions: make([]apiDocProvision, len(d.Provisions))}
	for i := range d.Provisions {
		out.Provisions[i] = provisionJSON(d, &d.Provisions[i])
	}
	srv.writeJSON(c, http.StatusOK, &out)
	return nil
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
		Path: nonNil(p.Path), Text: p.Text, Language: p.Language}
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
		return nil, nil, notFound("ancre de disposition invalide")
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
