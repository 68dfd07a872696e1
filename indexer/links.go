package indexer

import (
	"runtime"
	"sort"
	"strings"
	"sync"
	"weak"

	"lextraite/corpus"
)

// Link is one end of a citation, as /api/provision/{doc_id}/{anchor} shows
// it in `cites` and `cited_by` (DESIGN.md): the provision or document at
// that end, or, for an unresolved target, an empty ID and the Label the
// citation names.
type Link struct {
	ID     string `json:"id"`
	DocID  string `json:"doc_id"`
	Anchor string `json:"anchor"`
	Label  string `json:"label"`
	// Kind is, in Cites, the form of the citation (article, renvoi, loi,
	// traite, decision…); in CitedBy, the kind of the citing document (loi,
	// code, traité, décision…) so that laws and decisions can be shown apart.
	Kind string `json:"kind"`
}

// Citation is one citation of the index with its source, for listings
// (`lextraite citations`).
type Citation struct {
	// Source is the citing provision id, or the document id for a
	// citation in a document's preamble.
	Source string
	corpus.Citation
}

// links is the citation graph of one generation, built once from the
// stored documents, on first use.
type links struct {
	once    sync.Once
	cites   map[string][]Link // source id → targets, in text order
	citedBy map[string][]Link // target id (provision or document) → sources
	all     []Citation
}

// graphs holds the graph of each opened generation, keyed weakly so that a
// retired generation's graph goes with it (Index is immutable once open;
// the graph lives beside it rather than in it).
var graphs sync.Map // weak.Pointer[Index] → *links

func (ix *Index) graph() *links {
	key := weak.Make(ix)
	v, loaded := graphs.LoadOrStore(key, &links{})
	if !loaded {
		runtime.AddCleanup(ix, func(k weak.Pointer[Index]) { graphs.Delete(k) }, key)
	}
	g := v.(*links)
	g.once.Do(func() { g.build(ix) })
	return g
}

func (g *links) build(ix *Index) {
	g.cites = map[string][]Link{}
	g.citedBy = map[string][]Link{}
	add := func(d *corpus.Document, p *corpus.Provision, cs []corpus.Citation) {
		src, anchor, label := d.ID, "", d.Title
		if p != nil {
			src, anchor = p.ID, p.Anchor
			label = provisionLabel(d, p)
		}
		seen := map[string]bool{}
		for _, c := range cs {
			g.all = append(g.all, Citation{Source: src, Citation: c})
			targets := append([]string{c.Target}, c.Also...)
			for i, t := range targets {
				if t == "" && i > 0 {
					continue
				}
				l := Link{ID: t, Label: c.Label, Kind: c.Kind}
				if len(targets) > 1 && t != "" {
					// "articles 265 à 278": each target is labelled with its
					// own article, not the whole range
					if ref, ok := ix.provs[t]; ok && ref.p.Number != "" {
						base := c.Label
						if k := strings.LastIndex(base, ", art. "); k >= 0 {
							base = base[:k]
						}
						l.Label = base + ", art. " + ref.p.Number
					}
				}
				if t != "" {
					l.DocID, l.Anchor = splitID(t)
					if l.DocID == "" {
						l.DocID = c.TargetDoc
					}
				}
				// One entry per target: a provision citing itself or the
				// same article three times lists it once.
				key := t
				if t == "" {
					key = "?" + c.Label
				}
				if seen[key] || t == src {
					continue
				}
				seen[key] = true
				g.cites[src] = append(g.cites[src], l)
				if t == "" {
					continue
				}
				g.citedBy[t] = append(g.citedBy[t], Link{ID: src, DocID: d.ID, Anchor: anchor, Label: label, Kind: d.Kind})
			}
		}
	}
	for _, d := range ix.sorted {
		add(d, nil, d.Citations)
		for i := range d.Provisions {
			add(d, &d.Provisions[i], d.Provisions[i].Citations)
		}
	}
	for _, l := range g.citedBy {
		sort.SliceStable(l, func(a, b int) bool { return l[a].Kind < l[b].Kind })
	}
}

// splitID splits "doc/anchor" (a provision id) or "doc" (a document id).
func splitID(id string) (doc, anchor string) {
	doc, anchor, _ = strings.Cut(id, "/")
	return doc, anchor
}

// provisionLabel names a citing provision: "Code pénal …, art. 225-4-2",
// or the section heading of a decision.
func provisionLabel(d *corpus.Document, p *corpus.Provision) string {
	switch {
	case p.Number != "":
		return d.Title + ", art. " + p.Number
	case p.Heading != "":
		return d.Title + " — " + p.Heading
	}
	return d.Title
}

// Cites returns what the provision (or document) id cites, in text order:
// resolved targets with their id, unresolved ones with an empty id and the
// label. nil when it cites nothing.
func (ix *Index) Cites(id string) []Link {
	return clone(ix.graph().cites[id])
}

// CitedBy returns the provisions (or preambles) citing the provision or
// document id, grouped by the kind of the citing document.
func (ix *Index) CitedBy(id string) []Link {
	return clone(ix.graph().citedBy[id])
}

// Citations returns every citation of the index with its source, in
// document order; unresolvedOnly keeps those without a target.
func (ix *Index) Citations(unresolvedOnly bool) []Citation {
	var out []Citation
	for _, c := range ix.graph().all {
		if !unresolvedOnly || c.Target == "" {
			out = append(out, c)
		}
	}
	return out
}

func clone(l []Link) []Link {
	if len(l) == 0 {
		return nil
	}
	return append([]Link(nil), l...)
}

// Cites is Index.Cites on the current generation.
func (l *Live) Cites(id string) []Link {
	g := l.acquire()
	if g == nil {
		return nil
	}
	defer g.release()
	return g.ix.Cites(id)
}

// CitedBy is Index.CitedBy on the current generation.
func (l *Live) CitedBy(id string) []Link {
	g := l.acquire()
	if g == nil {
		return nil
	}
	defer g.release()
	return g.ix.CitedBy(id)
}

// Citations is Index.Citations on the current generation.
func (l *Live) Citations(unresolvedOnly bool) []Citation {
	g := l.acquire()
	if g == nil {
		return nil
	}
	defer g.release()
	return g.ix.Citations(unresolvedOnly)
}
