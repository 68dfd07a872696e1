package site

import (
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"lextraite/corpus"
)

// maxDocPageBytes is the most HTML one document page (one part of a long
// document) may weigh on the real corpus, citation panels included.
const maxDocPageBytes = 100 << 10

// docGraph is a citation graph built from the documents' resolved
// citations, as the indexer builds it (one entry per target, no
// self-citation), so that pages carry their real "renvois" panels.
type docGraph struct{ cites, citedBy map[string][]CitationRef }

func newDocGraph(docs []*corpus.Document) *docGraph {
	g := &docGraph{cites: map[string][]CitationRef{}, citedBy: map[string][]CitationRef{}}
	for _, d := range docs {
		for i := range d.Provisions {
			p := &d.Provisions[i]
			src := d.ID + "/" + p.Anchor
			seen := map[string]bool{}
			for _, c := range p.Citations {
				for j, tg := range append([]string{c.Target}, c.Also...) {
					key := tg
					if tg == "" {
						if j > 0 {
							continue
						}
						key = "?" + c.Label
					}
					if seen[key] || tg == src {
						continue
					}
					seen[key] = true
					doc, anchor, _ := strings.Cut(tg, "/")
					g.cites[src] = append(g.cites[src], CitationRef{ID: tg, DocID: doc, Anchor: anchor, Label: c.Label, Kind: c.Kind})
					if tg != "" {
						g.citedBy[tg] = append(g.citedBy[tg], CitationRef{ID: src, DocID: d.ID, Anchor: p.Anchor,
							Label: d.Title + ", art. " + p.Number, Kind: d.Kind})
					}
				}
			}
		}
	}
	return g
}

func (g *docGraph) Cites(id string) []CitationRef   { return g.cites[id] }
func (g *docGraph) CitedBy(id string) []CitationRef { return g.citedBy[id] }

var reRefParts = regexp.MustCompile(`data-ref-pre="([^"]*)" data-ref-post="([^"]*)"`)

// pageReference is the reference to copy that app.js writes under the
// article anchor of a document page: what the form carries around the
// article's number ("" when the page lacks either).
func pageReference(body, anchor string) string {
	m := reRefParts.FindStringSubmatch(body)
	n := regexp.MustCompile(`<article class="prov" id="` + regexp.QuoteMeta(anchor) + `"[^>]* data-n="([^"]*)"`).FindStringSubmatch(body)
	if m == nil || n == nil {
		return ""
	}
	return html.UnescapeString(m[1] + n[1] + m[2])
}

var (
	rePartOf  = regexp.MustCompile(`\(partie 1 sur (\d+)\)`)
	reProvID  = regexp.MustCompile(`<article class="prov" id="([^"]+)"`)
	reSplitAt = regexp.MustCompile(`<article class="doc"[^>]* data-split="([^"]+)"`)
)

// TestDocPagesRealCorpus: every page of every real document, each part of
// the long codes, weighs under maxDocPageBytes with its citation panels;
// together the parts hold every provision once; every provision's
// permalink /doc/{id}/{anchor} redirects to the part holding it, and part 1
// of a split document tells app.js where to send a /doc/{id}#anchor naming
// an article of another part.
func TestDocPagesRealCorpus(t *testing.T) {
	f := wholeCorpus(t)
	h, err := New(f, Config{Citations: newDocGraph(f.docs)})
	if err != nil {
		t.Fatal(err)
	}
	type page struct {
		url  string
		size int
	}
	var pages []page
	split, redirects := 0, 0
	for _, d := range f.docs {
		first := get(t, h, "/doc/"+d.ID)
		if first.Code != 200 {
			t.Fatalf("/doc/%s : statut %d", d.ID, first.Code)
		}
		n := 1
		if m := rePartOf.FindStringSubmatch(first.Body.String()); m != nil {
			n, _ = strconv.Atoi(m[1])
		}
		partOf := map[string]int{} // anchor → part
		var order []string
		for k := 1; k <= n; k++ {
			target := "/doc/" + d.ID
			body := first.Body.String()
			if k > 1 {
				target += "?partie=" + strconv.Itoa(k)
				w := get(t, h, target)
				if w.Code != 200 {
					t.Fatalf("%s : statut %d", target, w.Code)
				}
				body = w.Body.String()
			}
			pages = append(pages, page{target, len(body)})
			if len(body) > maxDocPageBytes {
				t.Errorf("%s : %d octets de HTML, plus de %d", target, len(body), maxDocPageBytes)
			}
			if strings.Contains(body, `class="jump"`) {
				t.Errorf("%s : cibles de saut par article", target)
			}
			// The reference app.js writes is the server's.
			if pt := reProvID.FindStringSubmatch(body); pt != nil {
				if pr, _ := findProvision(d, pt[1]); pr != nil && pr.Number != "" {
					want := reference(d, pr.Number)
					if w := shortWarnings(d); len(w) > 0 {
						want += " [" + strings.Join(w, " ; ") + "]"
					}
					if got := pageReference(body, pt[1]); got != want {
						t.Errorf("%s : référence de %s = %q, attendu %q", target, pt[1], got, want)
					}
				}
			}
			for _, m := range reProvID.FindAllStringSubmatch(body, -1) {
				if _, dup := partOf[m[1]]; dup {
					t.Errorf("%s : %s déjà dans la partie %d", target, m[1], partOf[m[1]])
				}
				partOf[m[1]] = k
				order = append(order, m[1])
			}
		}
		var want []string
		for _, p := range d.Provisions {
			want = append(want, p.Anchor)
		}
		if !slices.Equal(order, want) {
			t.Errorf("%s : les %d partie(s) donnent %d dispositions, le document %d (ou dans un autre ordre)",
				d.ID, n, len(order), len(want))
		}
		if n == 1 {
			continue
		}
		split++
		if m := reSplitAt.FindStringSubmatch(first.Body.String()); m == nil || m[1] != "/doc/"+d.ID+"/" {
			t.Errorf("/doc/%s : pas de data-split vers /doc/%s/ pour les ancres des autres parties", d.ID, d.ID)
		}
		// Every permalink lands on the part holding its article.
		for _, p := range d.Provisions {
			w := get(t, h, "/doc/"+d.ID+"/"+p.Anchor)
			wantLoc := partURL(d.ID, partOf[p.Anchor]) + "#" + p.Anchor
			if loc := w.Header().Get("Location"); w.Code != 302 || loc != wantLoc {
				t.Errorf("/doc/%s/%s : %d → %q, attendu %q", d.ID, p.Anchor, w.Code, loc, wantLoc)
			}
			redirects++
		}
	}
	sizes := make([]int, len(pages))
	for i, p := range pages {
		sizes[i] = p.size
	}
	slices.Sort(sizes)
	slices.SortFunc(pages, func(a, b page) int { return b.size - a.size })
	t.Logf("%d pages de documents (%d documents découpés), médiane %d octets, plus lourdes : %v ; %d liens permanents suivis",
		len(pages), split, sizes[len(sizes)/2], pages[:min(5, len(pages))], redirects)
	if split == 0 {
		t.Error("aucun document découpé : le corpus réel en a plusieurs")
	}
	if sizes[len(sizes)/2] > 8<<10 {
		t.Errorf("médiane %d octets : les pages courantes ont grossi", sizes[len(sizes)/2])
	}
}
