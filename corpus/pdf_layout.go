package corpus

// Page layout of a PDF's text layer: glyphs → words → lines → columns →
// paragraphs, running headers and footers left out, hyphenation undone.
//
// The pipeline, per page:
//  1. glyphs whose baselines lie within half a font size form a band; a band
//     is split into words at space glyphs and at gaps wider than pdfWordGap
//     (pdfBuildLine), letter-spaced headings rejoined;
//  2. the words are cut into columns at vertical gutters (pdfColumns): an
//     x-range of the page that many lines leave empty with a gap at least a
//     font size wide on both sides of it and few lines cross; bands that cross
//     the gutter (a title over both columns) stay whole and split the page
//     into regions, read top to bottom, each region left column first;
//  3. lines are grouped into paragraphs from the page's usual line pitch.
//
// Across pages, lines at the top or bottom of the page that repeat on many
// pages with only their digits changed (running headers, "Page 3 / 10") or
// that are bare page numbers ("- 2 -") are dropped (pdfRunningLines). A
// paragraph that goes on in the next column or page is joined to it when
// the sentence visibly continues; then words split by a hyphen at a line
// end are rejoined (pdfDehyphenate).

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Column and running-line thresholds.
const (
	// pdfGutterMin is the narrowest gutter between two columns, in font
	// sizes; word spaces of justified text stay below it on most lines.
	pdfGutterMin = 0.9
	// pdfGutterLines is the smallest share of a region's lines that must
	// show the gutter as a gap with words on both sides when more than a
	// third as many lines cross it.
	pdfGutterLines = 0.25
	// pdfGutterMinLines is the smallest number of lines showing the gutter.
	pdfGutterMinLines = 4
	// pdfColumnDepth bounds the recursive column split (three or four
	// columns at most).
	pdfColumnDepth = 3
	// pdfRunningSpan is how many lines at the top and at the bottom of a
	// page are candidates for running headers and footers.
	pdfRunningSpan = 2
)

// pdfWord is a word of a line, with its horizontal extent and baseline.
type pdfWord struct {
	text   string
	x0, x1 float64
	y      float64
	size   float64
}

// pdfLine is a line of a page.
type pdfLine struct {
	y     float64 // baseline
	size  float64 // largest font size
	words []pdfWord
	// region numbers the column or full-width block the line was read in,
	// in reading order.
	region int
}

func (l pdfLine) text() string {
	var b strings.Builder
	for j, w := range l.words {
		if j > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

// pdfBands groups the glyphs of a page into bands, the physical lines of
// the page top to bottom (two columns side by side share their bands), each
// split into words.
func pdfBands(glyphs []pdfGlyph) []pdfLine {
	if len(glyphs) == 0 {
		return nil
	}
	sort.SliceStable(glyphs, func(i, j int) bool { return glyphs[i].y > glyphs[j].y })
	var bands []pdfLine
	for start := 0; start < len(glyphs); {
		top := glyphs[start]
		end := start + 1
		for end < len(glyphs) {
			g := glyphs[end]
			tol := pdfLineTolerance * max(g.size, top.size, 1)
			if top.y-g.y > tol {
				break
			}
			end++
		}
		if l, ok := pdfBuildLine(glyphs[start:end]); ok {
			bands = append(bands, l)
		}
		start = end
	}
	return bands
}

// pdfPageLines orders the bands of a page into lines in reading order,
// column by column.
func pdfPageLines(bands []pdfLine) []pdfLine {
	region := 0
	return pdfColumns(bands, 0, &region)
}

// pdfColumns orders the lines of a region (a page, or a column of it) by
// columns. Lines come in top to bottom; the result numbers regions from
// *region on.
func pdfColumns(lines []pdfLine, depth int, region *int) []pdfLine {
	emit := func(ls []pdfLine) []pdfLine {
		for i := range ls {
			ls[i].region = *region
		}
		*region++
		return ls
	}
	if depth >= pdfColumnDepth || len(lines) < pdfGutterMinLines {
		return emit(lines)
	}
	gx, minGap, ok := pdfFindGutter(lines)
	if !ok {
		return emit(lines)
	}
	// Bands that cross the gutter are full-width; runs of the others are
	// read left side first.
	var out, run []pdfLine
	flush := func() {
		if len(run) == 0 {
			return
		}
		var left, right []pdfWord
		for _, l := range run {
			for _, w := range l.words {
				if w.x1 <= gx {
					left = append(left, w)
				} else {
					right = append(right, w)
				}
			}
		}
		for _, side := range [][]pdfWord{left, right} {
			if ls := pdfGroupLines(side); len(ls) > 0 {
				out = append(out, pdfColumns(ls, depth+1, region)...)
			}
		}
		run = run[:0]
	}
	for _, l := range lines {
		if pdfCrosses(l, gx, minGap) {
			flush()
			out = append(out, emit([]pdfLine{l})...)
			continue
		}
		run = append(run, l)
	}
	flush()
	return out
}

// pdfCrosses reports whether the text of l runs across x: a word covers
// x, or x lies in a gap between two words narrower than minGap.
func pdfCrosses(l pdfLine, x, minGap float64) bool {
	for i, w := range l.words {
		if w.x0 < x && w.x1 > x {
			return true
		}
		if i > 0 && l.words[i-1].x1 <= x && w.x0 >= x && w.x0-l.words[i-1].x1 < minGap {
			return true
		}
	}
	return false
}

// pdfFindGutter looks for a vertical gutter in the middle of lines: the
// x that the most lines show as a gap at least pdfGutterMin font sizes
// wide with words on both sides, provided that enough lines do and that
// fewer lines cross it.
func pdfFindGutter(lines []pdfLine) (x, minGap float64, ok bool) {
	x0, x1 := math.Inf(1), math.Inf(-1)
	var sizes []float64
	for _, l := range lines {
		for _, w := range l.words {
			x0, x1 = min(x0, w.x0), max(x1, w.x1)
		}
		sizes = append(sizes, l.size)
	}
	slices.Sort(sizes)
	size := max(sizes[len(sizes)/2], 1)
	minGap = pdfGutterMin * size
	width := x1 - x0
	if width < 10*size {
		return 0, 0, false
	}
	// One bin per point (at most 2000), over the middle 60% of the text.
	step := max(width/2000, 0.5)
	lo, hi := x0+0.2*width, x1-0.2*width
	n := int((hi-lo)/step) + 1
	split := make([]int, n)
	cross := make([]int, n)
	bin := func(x float64) int { return int(math.Floor((x - lo) / step)) }
	for _, l := range lines {
		for i, w := range l.words {
			for b := max(bin(w.x0)+1, 0); b <= min(bin(w.x1)-1, n-1); b++ {
				cross[b]++
			}
			if i == 0 {
				continue
			}
			// A gap narrower than a gutter belongs to the line's text,
			// which crosses there.
			prev := l.words[i-1]
			count := split
			if w.x0-prev.x1 < minGap {
				count = cross
			}
			for b := max(bin(prev.x1), 0); b <= min(bin(w.x0), n-1); b++ {
				count[b]++
			}
		}
	}
	need := max(pdfGutterMinLines, int(math.Ceil(pdfGutterLines*float64(len(lines)))))
	best, bestScore := -1, 0
	for b := range n {
		// Many lines split there and few cross (a short column beside a
		// long one), or a good share of the lines split and no more cross
		// (columns under a full-width title).
		if split[b] < pdfGutterMinLines || (3*cross[b] > split[b] && (split[b] < need || cross[b] > split[b])) {
			continue
		}
		// Prefer the bin most lines agree on; among equals, the one
		// fewest lines cross, then the middle of the run.
		score := 4*split[b] - 2*cross[b]
		if score > bestScore {
			best, bestScore = b, score
		}
	}
	if best < 0 {
		return 0, 0, false
	}
	// The middle of the run of equally good bins.
	end := best
	for end+1 < n && split[end+1] == split[best] && cross[end+1] == cross[best] {
		end++
	}
	x = lo + (float64(best+end)/2+0.5)*step
	// Both sides must hold a fair share of the text.
	var left, right int
	for _, l := range lines {
		for _, w := range l.words {
			if w.x1 <= x {
				left += len(w.text)
			} else if w.x0 >= x {
				right += len(w.text)
			}
		}
	}
	if total := left + right; total == 0 || float64(min(left, right)) < 0.1*float64(total) {
		return 0, 0, false
	}
	return x, minGap, true
}

// pdfGroupLines groups words into lines by baseline, top to bottom, each
// line left to right.
func pdfGroupLines(ws []pdfWord) []pdfLine {
	if len(ws) == 0 {
		return nil
	}
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].y > ws[j].y })
	var out []pdfLine
	for start := 0; start < len(ws); {
		top := ws[start]
		end := start + 1
		for end < len(ws) && top.y-ws[end].y <= pdfLineTolerance*max(ws[end].size, top.size, 1) {
			end++
		}
		line := pdfLine{words: slices.Clone(ws[start:end])}
		sort.SliceStable(line.words, func(i, j int) bool { return line.words[i].x0 < line.words[j].x0 })
		ysize := -1.0
		for _, w := range line.words {
			line.size = max(line.size, w.size)
			if w.size > ysize {
				line.y, ysize = w.y, w.size
			}
		}
		out = append(out, line)
		start = end
	}
	return out
}

// pdfParagraphs joins the lines of a page into paragraphs separated by a
// blank line. Within a region a blank line separates two lines further
// apart than the page's usual line pitch allows; from one region to the
// next (the foot of a column to the head of the next one), the paragraph
// goes on when the sentence visibly does (pdfContinues).
func pdfParagraphs(lines []pdfLine) string {
	if len(lines) == 0 {
		return ""
	}
	// The usual line pitch: the lower quartile of the baseline distances
	// that look like line spacing at all.
	var pitches []float64
	for i := 1; i < len(lines); i++ {
		d := lines[i-1].y - lines[i].y
		if lines[i].region == lines[i-1].region && d > 0 && d < 3*max(lines[i].size, lines[i-1].size) {
			pitches = append(pitches, d)
		}
	}
	pitch := 0.0
	if len(pitches) > 0 {
		slices.Sort(pitches)
		pitch = pitches[len(pitches)/4]
	}
	var b strings.Builder
	prev := ""
	for i, l := range lines {
		t := l.text()
		if i > 0 {
			p := lines[i-1]
			d := p.y - l.y
			size := max(l.size, p.size)
			switch {
			case d <= 0 || (l.region != p.region && d > 3*size):
				// A jump up (the next column) or far down past another
				// region: the paragraph goes on only if the text does.
				if pdfContinues(prev, t) {
					b.WriteByte('\n')
				} else {
					b.WriteString("\n\n")
				}
			case d > pdfParagraphGap*size && d > pdfParagraphPitch*pitch:
				b.WriteString("\n\n")
			default:
				b.WriteByte('\n')
			}
		}
		b.WriteString(t)
		prev = t
	}
	return b.String()
}

// pdfContinues reports whether the line next, at the head of a column or
// page, goes on with the sentence of the line prev: prev ends with a
// hyphen, or without a final stop and next starts with a lowercase letter.
func pdfContinues(prev, next string) bool {
	prev, next = strings.TrimSpace(prev), strings.TrimSpace(next)
	if prev == "" || next == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	last, _ := utf8.DecodeLastRuneInString(prev)
	if pdfIsHyphen(last) {
		return unicode.IsLetter(first) || unicode.IsDigit(first)
	}
	if strings.ContainsRune(".:;!?»)", last) {
		return false
	}
	return unicode.IsLower(first)
}

// pdfIsHyphen reports whether r is a hyphen that may end a line.
func pdfIsHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u00ad' }

// rePDFPageNumber matches the lines that are nothing but a page number:
// "12", "- 12 -", "Page 3", "Page 3 / 10", "3/10", "p. 4".
var rePDFPageNumber = regexp.MustCompile(`(?i)^(?:page|p\.)?\s*[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:/|sur|of)\s*\d{1,4})?$`)

// rePDFDigits matches digit runs, which a running header changes from page
// to page.
var rePDFDigits = regexp.MustCompile(`\d+`)

// pdfRunningLines marks the running headers and footers of a document's
// pages: among the pdfRunningSpan topmost and bottommost lines of each page,
// bare page numbers, and lines that recur with only their digits changed at
// about the same height on at least two pages and 40% of them. Article and
// division headings are never marked. It returns, per page, the indexes of
// the lines to drop.
func pdfRunningLines(pages [][]pdfLine) []map[int]bool {
	drop := make([]map[int]bool, len(pages))
	type occ struct {
		page, line int
		y          float64
	}
	bySig := map[string][]occ{}
	for p, lines := range pages {
		drop[p] = map[int]bool{}
		if len(lines) < 2 {
			continue
		}
		order := make([]int, len(lines))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return lines[order[a]].y > lines[order[b]].y })
		cands := map[int]bool{}
		for k := 0; k < pdfRunningSpan && k < len(order); k++ {
			cands[order[k]] = true
			cands[order[len(order)-1-k]] = true
		}
		for i := range cands {
			t := strings.TrimSpace(lines[i].text())
			if _, _, ok := articleHead(t); ok {
				continue
			}
			if _, _, ok := divisionHead(t); ok {
				continue
			}
			// A bare page number only at the very top or bottom.
			if rePDFPageNumber.MatchString(t) && (i == order[0] || i == order[len(order)-1]) {
				drop[p][i] = true
				continue
			}
			sig := strings.ToLower(strings.Join(strings.Fields(rePDFDigits.ReplaceAllString(t, "#")), " "))
			if utf8.RuneCountInString(sig) < 3 {
				continue
			}
			bySig[sig] = append(bySig[sig], occ{p, i, lines[i].y})
		}
	}
	need := max(2, int(math.Ceil(0.4*float64(len(pages)))))
	for _, occs := range bySig {
		if len(occs) < need {
			continue
		}
		ys := make([]float64, len(occs))
		for i, o := range occs {
			ys[i] = o.y
		}
		slices.Sort(ys)
		med := ys[len(ys)/2]
		var near []occ
		for _, o := range occs {
			if math.Abs(o.y-med) <= 0.6*max(pages[o.page][o.line].size, 10) {
				near = append(near, o)
			}
		}
		if len(near) < need {
			continue
		}
		for _, o := range near {
			drop[o.page][o.line] = true
		}
	}
	return drop
}

// pdfJoinPages joins the texts of pages (each with "\n" lines and "\n\n"
// paragraphs): a paragraph broken by the page end goes on (pdfContinues),
// else a blank line separates the pages. Empty pages are skipped.
func pdfJoinPages(pages []string) string {
	var b strings.Builder
	last := ""
	for _, p := range pages {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			first, _, _ := strings.Cut(p, "\n")
			if pdfContinues(last, first) {
				b.WriteByte('\n')
			} else {
				b.WriteString("\n\n")
			}
		}
		b.WriteString(p)
		if i := strings.LastIndexByte(p, '\n'); i >= 0 {
			last = p[i+1:]
		} else {
			last = p
		}
	}
	return b.String()
}

// pdfDehyphenate rejoins the words that a hyphen at a line end splits. The
// line break goes, and so does the hyphen when it only marks where the word
// was cut (see pdfHyphenJoin): "héberge-\nment" → "hébergement", but
// "porte-\nparole" → "porte-parole" and "225-\n4-1" → "225-4-1". A soft
// hyphen (U+00AD) at a line end always goes; elsewhere it is dropped.
func pdfDehyphenate(text string) string {
	if !strings.ContainsAny(text, "-\u2010\u00ad") {
		return text
	}
	lines := strings.Split(text, "\n")
	for i := 0; i+1 < len(lines); i++ {
		cur := strings.TrimRight(lines[i], " ")
		last, n := utf8.DecodeLastRuneInString(cur)
		if !pdfIsHyphen(last) || strings.TrimSpace(lines[i+1]) == "" {
			continue
		}
		next := strings.TrimLeft(lines[i+1], " ")
		head := cur[:len(cur)-n]
		hs := strings.LastIndexByte(head, ' ')
		word := head[hs+1:]
		tail, rest, _ := strings.Cut(next, " ")
		keep, ok := pdfHyphenJoin(word, tail, last == '\u00ad')
		if !ok {
			continue
		}
		joined := head
		if keep {
			joined += "-"
		}
		joined += tail
		lines[i] = joined
		lines[i+1] = rest
		if rest == "" {
			// The continuation was the whole next line: pull it up.
			lines = append(lines[:i+1], lines[i+2:]...)
		}
		i-- // the joined line may end with a hyphen again
	}
	out := strings.Join(lines, "\n")
	return strings.ReplaceAll(out, "\u00ad", "")
}

// pdfCompoundHeads and pdfCompoundTails are the halves of French compounds
// whose hyphen is part of the word: a line-end hyphen after such a head, or
// before such a tail, stays ("porte-parole", "vingt-cinq", "celle-ci").
var (
	pdfCompoundHeads = pdfSet("porte garde avant après arrière non sous demi vice " +
		"belle grand grande chef chefs procès état ayant ayants hors nord sud ouest " +
		"là celui celle celles ceux dix vingt trente quarante cinquante soixante " +
		"quatre cent deux trois cinq six sept huit neuf mille sans")
	pdfCompoundTails = pdfSet("ci là même mêmes être t delà deçà dessus dessous dedans " +
		"dehors devant derrière après inclus incluse parole paroles verbal verbaux major " +
		"à il elle ils elles on fondé fondés deux trois quatre cinq six sept huit neuf " +
		"dix onze douze vingt vingts cents")
	// pdfPlainWords are words a compound head starts but that are written
	// in one piece: the hyphen goes ("non-" "obstant" → "nonobstant").
	pdfPlainWords = []string{"nonobstant", "soustra", "souscri", "beaucoup"}
)

// pdfSet makes a set of the space-separated words of s.
func pdfSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// pdfHyphenJoin decides how a word cut by a hyphen at a line end is
// rejoined with the first word of the next line: ok is false when they stay
// apart (the next line does not start with a letter or a digit, or the
// hyphen ends nothing), keep is true when the hyphen belongs to the word.
//
// The hyphen goes only when the rejoined word is a plain lowercase word
// (an initial capital allowed): the head is letters (after any hyphen of
// its own, "vingt-" of "vingt-cinq" aside) and the tail starts with a
// lowercase letter, and neither half is a known compound half
// (pdfCompoundHeads, pdfCompoundTails). Digits ("225-" "4-1"), capitals
// ("Jean-" "Pierre") and compounds keep their hyphen. soft is a soft
// hyphen, which always goes.
func pdfHyphenJoin(word, tail string, soft bool) (keep, ok bool) {
	if word == "" || tail == "" {
		return false, false
	}
	wl, _ := utf8.DecodeLastRuneInString(word)
	tf, _ := utf8.DecodeRuneInString(tail)
	if !(unicode.IsLetter(wl) || unicode.IsDigit(wl)) || !(unicode.IsLetter(tf) || unicode.IsDigit(tf)) {
		return false, false
	}
	if soft {
		return false, true
	}
	// The last hyphen-free piece of the head, without leading punctuation.
	seg := word
	if i := strings.LastIndexAny(seg, "-\u2010"); i >= 0 {
		seg = seg[i+1:]
	}
	if i := strings.LastIndexAny(seg, "'’"); i >= 0 { // elision: "d’at-" "teindre"
		_, n := utf8.DecodeRuneInString(seg[i:])
		seg = seg[i+n:]
	}
	seg = strings.TrimLeftFunc(seg, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	// The first piece of the tail, up to punctuation or its own hyphen.
	tseg := tail
	if i := strings.IndexFunc(tseg, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		tseg = tseg[:i]
	}
	if seg == "" || tseg == "" {
		return true, true
	}
	for i, r := range seg {
		if !unicode.IsLetter(r) || (i > 0 && !unicode.IsLower(r)) {
			return true, true
		}
	}
	for _, r := range tseg {
		if !unicode.IsLower(r) {
			return true, true
		}
	}
	lseg := strings.ToLower(seg)
	for _, p := range pdfPlainWords {
		if strings.HasPrefix(lseg+tseg, p) {
			return false, true
		}
	}
	if pdfCompoundHeads[lseg] || pdfCompoundTails[tseg] {
		return true, true
	}
	// "c'est-à-" "dire", "vis-à-" "vis": a head that is itself a compound
	// of short words keeps the hyphen.
	if strings.ContainsAny(word, "-\u2010") && utf8.RuneCountInString(seg) <= 2 {
		return true, true
	}
	return false, true
}

// pdfBuildLine orders the glyphs of one band, splits them into words and
// cleans the words; ok is false when nothing is left.
func pdfBuildLine(gs []pdfGlyph) (l pdfLine, ok bool) {
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].x < gs[j].x })
	var (
		words   []pdfWord
		cur     strings.Builder
		w       pdfWord
		wsize   float64 // size of the glyph that set w.y
		inWord  bool
		sawGap  bool
		last    pdfGlyph // last non-space glyph kept
		hasLast bool
		ysize   = -1.0
	)
	flush := func() {
		if inWord {
			w.text = cur.String()
			words = append(words, w)
			cur.Reset()
			inWord = false
		}
	}
	for _, g := range gs {
		l.size = max(l.size, g.size)
		if g.space {
			sawGap = true
			continue
		}
		// A glyph drawn twice at the same place (fake bold, shadow).
		if hasLast && g.text == last.text && math.Abs(g.x-last.x) < 0.1*g.size && math.Abs(g.y-last.y) < 0.1*g.size {
			continue
		}
		if inWord && (sawGap || g.x-w.x1 > pdfWordGap*max(g.size, w.size)) {
			flush()
		}
		sawGap = false
		if !inWord {
			w = pdfWord{x0: g.x, x1: g.x + g.w, y: g.y, size: g.size}
			wsize = g.size
			inWord = true
		}
		cur.WriteString(g.text)
		w.x1 = max(w.x1, g.x+g.w)
		w.size = max(w.size, g.size)
		if g.size > wsize {
			w.y, wsize = g.y, g.size
		}
		if g.size > ysize { // the baseline of the largest glyph
			l.y, ysize = g.y, g.size
		}
		last, hasLast = g, true
	}
	flush()

	words = pdfJoinLetterSpaced(words)
	kept := words[:0]
	for _, w := range words {
		if w.text == "" || pdfIsRule(w.text) {
			continue
		}
		kept = append(kept, w)
	}
	l.words = kept
	return l, len(kept) > 0
}

// pdfIsRule reports whether a word is a rule drawn with underscores.
func pdfIsRule(s string) bool {
	return len(s) >= 3 && strings.Trim(s, "_") == ""
}

// pdfJoinLetterSpaced rejoins the letters of letter-spaced words: in a run of
// at least pdfMinLetterSpaced one-letter words, the narrowest gap separates
// letters and a gap clearly wider than it separates words. When all the gaps
// are alike the whole run becomes one word, as poppler does.
func pdfJoinLetterSpaced(ws []pdfWord) []pdfWord {
	var out []pdfWord
	for i := 0; i < len(ws); {
		j := i
		for j < len(ws) && pdfIsLetter(ws[j].text) {
			j++
		}
		if j-i < pdfMinLetterSpaced {
			if j == i {
				j++
			}
			out = append(out, ws[i:j]...)
			i = j
			continue
		}
		run := ws[i:j]
		i = j
		size := 0.0
		gmin := math.Inf(1)
		for k := 1; k < len(run); k++ {
			gmin = min(gmin, run[k].x0-run[k-1].x1)
			size = max(size, run[k].size)
		}
		if gmin > 0.8*size { // letters far apart: a table, not a heading
			out = append(out, run...)
			continue
		}
		cut := max(gmin, 0)*1.5 + 0.05*size
		w := run[0]
		for k := 1; k < len(run); k++ {
			if run[k].x0-run[k-1].x1 > cut {
				out = append(out, w)
				w = run[k]
				continue
			}
			w.text += run[k].text
			w.x1 = run[k].x1
		}
		out = append(out, w)
	}
	return out
}

// pdfIsLetter reports whether s is exactly one letter.
func pdfIsLetter(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n == len(s) && n > 0 && unicode.IsLetter(r)
}
