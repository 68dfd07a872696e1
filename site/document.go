package site

import (
	"cmp"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"lextraite/corpus"
)

// lookupDocument validates a document id from the URL and finds it. Ids
// outside [a-z0-9-]+ are refused before any lookup (no path traversal).
func (srv *server) lookupDocument(id string) (*corpus.Document, error) {
	if !idPattern.MatchString(id) {
		return nil, notFound("identifiant de document invalide")
	}
	d, ok := srv.s.Document(id)
	if !ok || d == nil {
		return nil, notFound("aucun document « %s » dans le corpus ; voir la liste sur /corpus", id)
	}
	return d, nil
}

// handleDocument serves /doc/{doc_id}.
func (srv *server) handleDocument(c *gin.Context) error {
	d, err := srv.lookupDocument(c.Param("doc_id"))
	if err != nil {
		return err
	}
	p := &docPage{
		basePage:      srv.base(c, d.Title),
		Doc:           d,
		Kind:          kindLabel(d.Kind),
		Jurisdiction:  jurisdictionLabel(d.Jurisdiction),
		Date:          dateLabel(d.Date),
		Lang:          d.Language,
		Language:      languageLabel(d.Language),
		Transcription: d.Authority == corpus.AuthorityTranscription,
		Warnings:      warnings(d),
		Preamble:      paragraphs(d.Preamble),
		JSONURL:       "/api/doc/" + d.ID,
	}
	if p.Title == "" {
		p.Title = d.ID
	}
	section := ""
	for i := range d.Provisions {
		pr := &d.Provisions[i]
		v := srv.provisionViewOf(d, pr)
		v.Select, v.ElemID = true, pr.Anchor
		p.Provisions = append(p.Provisions, v)
		e := tocEntry{Anchor: pr.Anchor, Label: v.Label, Heading: pr.Heading}
		if s := strings.Join(pr.Path, " › "); s != section {
			e.Section, section = s, s
		}
		p.TOC = append(p.TOC, e)
	}
	srv.render(c, 200, "doc", p)
	return nil
}

// handleCorpus serves /corpus: every document, the incomplete ones and the
// skipped files.
func (srv *server) handleCorpus(c *gin.Context) error {
	st := srv.s.Stats()
	p := &corpusPage{basePage: srv.base(c, "Le corpus"), Skipped: st.Skipped, Stats: st,
		BuiltAt: timeLabel(st.BuiltAt)}
	for _, d := range srv.s.Documents() {
		if d == nil {
			continue
		}
		cd := corpusDoc{
			ID: d.ID, Title: d.Title, URL: docURL(d.ID, ""), Kind: kindLabel(d.Kind),
			Jurisdiction: jurisdictionLabel(d.Jurisdiction), Date: dateLabel(d.Date),
			Authority: d.Authority, Transcription: d.Authority == corpus.AuthorityTranscription,
			Notes: d.Notes, Incomplete: fieldLabels(d.Incomplete), Provisions: len(d.Provisions),
		}
		if cd.Title == "" {
			cd.Title = d.ID
		}
		p.Docs = append(p.Docs, cd)
		if len(d.Incomplete) > 0 {
			p.Incomplete = append(p.Incomplete, cd)
		}
	}
	byPlace := func(a, b corpusDoc) int {
		return cmp.Or(cmp.Compare(a.Jurisdiction, b.Jurisdiction), cmp.Compare(a.Title, b.Title),
			cmp.Compare(a.ID, b.ID))
	}
	slices.SortFunc(p.Docs, byPlace)
	slices.SortFunc(p.Incomplete, byPlace)
	srv.render(c, 200, "corpus", p)
	return nil
}
