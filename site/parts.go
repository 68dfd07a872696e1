package site

import (
	"strconv"
	"strings"

	"lextraite/corpus"
)

// partBytes is the most a document page holds, in estimated bytes of HTML
// for its provisions (see provisionWeight): a longer document (a whole
// code) is split into parts at its divisions, so that a page, with its
// header and table of contents, stays under ~100 KB on a slow link. A
// single provision heavier than that still makes one part.
const partBytes = 64 << 10

// provisionWeight estimates the HTML a document page spends on provision
// p: its text (escaped, in paragraphs, its citations as links), heading,
// breadcrumb, checkbox, permalink and table-of-contents line. extra adds
// what the page shows beside it (the "renvois" panel).
func provisionWeight(p *corpus.Provision) int {
	w := len(p.Text) + len(p.Text)/16 + 24*strings.Count(p.Text, "\n") + 3*len(p.Heading) + 6*len(p.Anchor) + 2*len(p.ID) + 420
	for _, s := range p.Path {
		w += len(s) + 12
	}
	for _, c := range p.Citations {
		w += 60 + 2*len(c.Target) + len(c.Label)
	}
	return w
}

// docPart is one page of a split document: provisions [Start, End) and
// the paragraphs [PreStart, PreEnd) of the text before them (preamble). A
// long preamble fills parts of its own, without provisions, before them.
type docPart struct {
	N                int // 1-based
	Start, End       int
	PreStart, PreEnd int
	// Label names the divisions the part holds: "Livre 1 — … à Livre 2 — …".
	Label string
}

// partition splits d's provisions into parts of at most partBytes (by
// provisionWeight, plus extra(i) for provision i when extra is not nil),
// cutting first between top-level divisions (Path[0]), then inside a
// division too large for one page between its subdivisions, and so on
// down to single provisions. A short document is one part.
func partition(d *corpus.Document, extra func(i int) int) []docPart {
	n := len(d.Provisions)
	weights := make([]int, n)
	for i := range n {
		weights[i] = provisionWeight(&d.Provisions[i])
		if extra != nil {
			weights[i] += extra(i)
		}
	}
	size := func(i int) int { return weights[i] }
	pre := paragraphs(d.Preamble)
	total := 0
	for _, s := range pre {
		total += len(s) + len(s)/16 + 30
	}
	for i := range n {
		total += size(i)
	}
	if total <= partBytes || n == 0 {
		return []docPart{{N: 1, Start: 0, End: n, PreEnd: len(pre)}}
	}
	// Break points [start, end) of indivisible runs, found recursively.
	var runs [][2]int
	var split func(start, end, depth int)
	split = func(start, end, depth int) {
		s := 0
		for i := start; i < end; i++ {
			s += size(i)
		}
		if s <= partBytes || end-start == 1 {
			runs = append(runs, [2]int{start, end})
			return
		}
		key := func(i int) string {
			p := d.Provisions[i].Path
			if depth >= len(p) {
				return "\x00" + d.Provisions[i].Anchor // no deeper division: one run per provision
			}
			return p[depth]
		}
		// Are there divisions at this depth at all? If every provision
		// shares the same key, go one level deeper.
		g := start
		for i := start + 1; i <= end; i++ {
			if i == end || key(i) != key(g) {
				if g == start && i == end && depth < maxDepth(d, start, end) {
					split(start, end, depth+1)
					return
				}
				split(g, i, depth+1)
				g = i
			}
		}
	}
	split(0, n, 0)

	// The preamble first: parts of its own while it is too long, its
	// last piece with the first provisions.
	var parts []docPart
	preStart, preSize := 0, 0
	for j, s := range pre {
		w := len(s) + len(s)/16 + 30
		if preSize > 0 && preSize+w > partBytes {
			parts = append(parts, docPart{N: len(parts) + 1, PreStart: preStart, PreEnd: j,
				Label: "Texte avant les articles"})
			preStart, preSize = j, 0
		}
		preSize += w
	}
	// Pack consecutive runs greedily into parts.
	cur, curSize := -1, 0
	firstProv := len(parts)
	for _, r := range runs {
		s := 0
		for i := r[0]; i < r[1]; i++ {
			s += size(i)
		}
		if cur >= 0 && curSize+s > partBytes {
			cur = -1
		}
		if cur < 0 {
			parts = append(parts, docPart{N: len(parts) + 1, Start: r[0], End: r[1]})
			cur, curSize = len(parts)-1, 0
			if cur == firstProv {
				parts[cur].PreStart, parts[cur].PreEnd = preStart, len(pre)
				curSize = preSize
			}
		} else {
			parts[cur].End = r[1]
		}
		curSize += s
	}
	for i := range parts {
		if parts[i].End > parts[i].Start {
			parts[i].Label = partLabel(d, parts[i])
		}
	}
	return parts
}

// maxDepth is the deepest breadcrumb among provisions [start, end).
func maxDepth(d *corpus.Document, start, end int) int {
	m := 0
	for i := start; i < end; i++ {
		m = max(m, len(d.Provisions[i].Path))
	}
	return m
}

// partLabel names a part by its first and last division, or by its
// first and last article when it has no division.
func partLabel(d *corpus.Document, p docPart) string {
	first, last := d.Provisions[p.Start], d.Provisions[p.End-1]
	div := func(pr corpus.Provision) string { return strings.Join(pr.Path, " › ") }
	a, b := div(first), div(last)
	arts := rangeLabel(&d.Provisions[p.Start], &d.Provisions[p.End-1])
	switch {
	case a == "" && b == "":
		return arts
	case a == b:
		return a + " (" + arts + ")"
	case len(first.Path) > 0 && len(last.Path) > 0 && first.Path[0] == last.Path[0]:
		return first.Path[0] + " (" + arts + ")"
	case len(first.Path) > 0 && len(last.Path) > 0:
		return first.Path[0] + " … " + last.Path[0] + " (" + arts + ")"
	}
	return arts
}

// partOf returns the part holding provision index i.
func partOf(parts []docPart, i int) int {
	for _, p := range parts {
		if i >= p.Start && i < p.End {
			return p.N
		}
	}
	return 1
}

// partURL is the address of part n of document id (part 1 is the
// document's own address).
func partURL(id string, n int) string {
	u := docURL(id, "")
	if n > 1 {
		u += "?partie=" + strconv.Itoa(n)
	}
	return u
}
