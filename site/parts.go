package site

import (
	"strconv"
	"strings"

	"lextraite/corpus"
)

// partBytes is the most text a document page holds: a longer document
// (a whole code) is split into parts at its divisions, so that a page
// stays light on a slow link. A single provision longer than that still
// makes one part.
const partBytes = 150 << 10

// docPart is one page of a split document: provisions [Start, End).
type docPart struct {
	N          int // 1-based
	Start, End int
	// Label names the divisions the part holds: "Livre 1 — … à Livre 2 — …".
	Label string
}

// partition splits d's provisions into parts of at most partBytes of text,
// cutting first between top-level divisions (Path[0]), then inside a
// division too large for one page between its subdivisions, and so on
// down to single provisions. A short document is one part.
func partition(d *corpus.Document) []docPart {
	n := len(d.Provisions)
	size := func(i int) int { return len(d.Provisions[i].Text) + len(d.Provisions[i].Heading) + 64 }
	total := len(d.Preamble)
	for i := range n {
		total += size(i)
	}
	if total <= partBytes || n == 0 {
		return []docPart{{N: 1, Start: 0, End: n}}
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

	// Pack consecutive runs greedily into parts.
	var parts []docPart
	cur, curSize := -1, len(d.Preamble)
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
		} else {
			parts[cur].End = r[1]
		}
		curSize += s
	}
	for i := range parts {
		parts[i].Label = partLabel(d, parts[i])
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
	arts := articleLabel(first.Number)
	if p.End-p.Start > 1 {
		arts = "art. " + first.Number + " à " + last.Number
	}
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
