package site

// CitationRef is one end of a citation, as /api/provision/{doc_id}/{anchor}
// shows it in `cites` and `cited_by` (DESIGN.md). An unresolved target has
// an empty ID and keeps the raw Label.
type CitationRef struct {
	ID     string `json:"id"`
	DocID  string `json:"doc_id"`
	Anchor string `json:"anchor"`
	Label  string `json:"label"`
	Kind   string `json:"kind"`
}

// CitationGraph is the hook for the citation graph: once the indexer keeps
// one, the command passes an adapter as Config.Citations and the API (and
// later the document page's "cité par") fill from it. Both methods take a
// provision id "{doc_id}/{anchor}" and may return nil.
type CitationGraph interface {
	Cites(provisionID string) []CitationRef
	CitedBy(provisionID string) []CitationRef
}

// noCitations is the graph used until there is one: no citation.
type noCitations struct{}

func (noCitations) Cites(string) []CitationRef   { return nil }
func (noCitations) CitedBy(string) []CitationRef { return nil }
