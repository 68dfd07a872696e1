package site

import (
	"net/http"

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

// apiDocument serves /api/doc/{doc_id}: the corpus.Document JSON, with
// every list [] rather than null.
func (srv *server) apiDocument(c *gin.Context) error {
	d, err := srv.lookupDocument(c.Param("doc_id"))
	if err != nil {
		return err
	}
	out := *d
	out.ShortTitles = nonNil(out.ShortTitles)
	out.Notes = nonNil(out.Notes)
	out.Provisions = make([]corpus.Provision, len(d.Provisions))
	for i, p := range d.Provisions {
		p.Path = nonNil(p.Path)
		out.Provisions[i] = p
	}
	srv.writeJSON(c, http.StatusOK, &out)
	return nil
}

// apiProvision is the /api/provision JSON: the provision's fields of
// /api/doc plus the citations both ways.
type apiProvision struct {
	ID       string        `json:"id"`
	Anchor   string        `json:"anchor"`
	Number   string        `json:"number"`
	Heading  string        `json:"heading"`
	Path     []string      `json:"path"`
	Text     string        `json:"text"`
	Language string        `json:"language"`
	Cites    []CitationRef `json:"cites"`
	CitedBy  []CitationRef `json:"cited_by"`
}

// apiProvision serves /api/provision/{doc_id}/{anchor}.
func (srv *server) apiProvision(c *gin.Context) error {
	d, err := srv.lookupDocument(c.Param("doc_id"))
	if err != nil {
		return err
	}
	anchor := c.Param("anchor")
	if !idPattern.MatchString(anchor) {
		return notFound("ancre de disposition invalide")
	}
	p, ok := findProvision(d, anchor)
	if !ok {
		return notFound("aucune disposition « %s » dans le document « %s »", anchor, d.ID)
	}
	id := p.ID
	if id == "" {
		id = d.ID + "/" + p.Anchor
	}
	srv.writeJSON(c, http.StatusOK, &apiProvision{
		ID: id, Anchor: p.Anchor, Number: p.Number, Heading: p.Heading,
		Path: nonNil(p.Path), Text: p.Text, Language: p.Language,
		Cites:   nonNil(srv.citations.Cites(id)),
		CitedBy: nonNil(srv.citations.CitedBy(id)),
	})
	return nil
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
