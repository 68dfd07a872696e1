package corpus

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Passages: a long text outside any provision (a report, travaux
// préparatoires, a decision or a PDF without "Article N" headings) cut into
// consecutive provisions of kind ProvisionPassage, so that the site can
// page it, the API can address it and the index holds entries of a sane
// size.
const (
	// passageThreshold is the preamble size (bytes) above which it is cut
	// into passages. Real preambles (title blocks, treaty preambles, visas)
	// stay below it: the largest in the shared corpus is about 14 KB.
	passageThreshold = 16 << 10
	// passageTarget is the size a passage aims at; passageMax the most it
	// holds; passageMin the least a cut leaves before it (but the last).
	passageTarget = 8 << 10
	passageMax    = 16 << 10
	passageMin    = 2 << 10
	// titleBlockMax bounds the short leading paragraphs kept as the
	// preamble (court, number, date, parties' heading).
	titleBlockMax   = 2 << 10
	titleParaRunes  = 160
	headingMaxRunes = 80
)

// splitPassages moves a large preamble of d into passages placed before
// its provisions; a short title block at its start stays the preamble.
// Smaller preambles are left alone.
func splitPassages(d *Document) {
	if len(d.Preamble) <= passageThreshold {
		return
	}
	head, body := titleBlock(d.Preamble)
	pieces := cutPassages(body, passageTarget, passageMax)
	if len(pieces) == 0 {
		return
	}
	taken := make(map[string]bool, len(d.Provisions))
	for _, p := range d.Provisions {
		taken[p.Anchor] = true
	}
	passages := make([]Provision, 0, len(pieces))
	for i, text := range pieces {
		n := strconv.Itoa(i + 1)
		anchor := "passage-" + n
		if taken[anchor] {
			anchor = "preambule--" + anchor
		}
		heading := passageHeading(text)
		if heading == "" {
			heading = "Passage " + n
		}
		passages = append(passages, Provision{
			Anchor:   anchor,
			Heading:  heading,
			Text:     text,
			Language: d.Language,
			Source:   d.Source,
			Path:     []string{},
			Kind:     ProvisionPassage,
			OCR:      d.OCR, // as OCRResult.Mark does for every provision
		})
	}
	if len(d.Outline) > 0 {
		nodes := make([]*Node, 0, len(passages)+len(d.Outline))
		for i := range passages {
			nodes = append(nodes, outlineArticle(&passages[i]))
		}
		d.Outline = append(nodes, d.Outline...)
	}
	d.Provisions = append(passages, d.Provisions...)
	d.Preamble = head
}

// titleBlock splits off the leading run of short paragraphs of s (a
// decision's court, number and date, a report's title lines), when a
// longer text follows and the run is short. The paragraphs are separated
// by a blank line; the blank line between head and body is dropped.
func titleBlock(s string) (head, body string) {
	i, last := 0, ""
	for i < len(s) && i <= titleBlockMax {
		end := strings.Index(s[i:], "\n\n")
		if end < 0 {
			break
		}
		para := s[i : i+end]
		if utf8.RuneCountInString(para) > titleParaRunes || i+end > titleBlockMax {
			break
		}
		i += end + 2
		last = para
	}
	if i == 0 || i >= len(s) {
		return "", s
	}
	if isHeadingPara(last) && i > len(last)+2 {
		// the heading of what follows ("Faits et procédure") opens the body
		i -= len(last) + 2
	}
	return strings.TrimRight(s[:i], "\n"), s[i:]
}

// cutPassages cuts s into pieces of about target bytes and at most max,
// at a paragraph break ("\n\n") when one falls in the window, else after a
// sentence, else at a space, else at a rune boundary. The whitespace at a
// cut is dropped: joining the pieces with the dropped whitespace gives s
// back.
func cutPassages(s string, target, max int) []string {
	var out []string
	for len(s) > max {
		start, end := cutPoint(s, target, max)
		out = append(out, s[:start])
		s = s[end:]
	}
	if strings.TrimSpace(s) != "" {
		out = append(out, s)
	}
	return out
}

// cutPoint returns where to cut s (len(s) > max): the piece is s[:start],
// the rest starts at s[end:]; s[start:end] is whitespace.
func cutPoint(s string, target, max int) (start, end int) {
	lo := min(passageMin, target/2)
	window := s[:max]
	pick := func(cands []int) int {
		best := -1
		for _, c := range cands {
			if c < lo {
				continue
			}
			if c <= target || best < 0 {
				best = c
			}
			if c > target {
				break
			}
		}
		return best
	}
	// paragraph breaks
	var cands []int
	for i := 0; ; {
		j := strings.Index(window[i:], "\n\n")
		if j < 0 {
			break
		}
		cands = append(cands, i+j)
		i += j + 2
	}
	if c := pick(cands); c >= 0 {
		return c, skipSpace(s, c)
	}
	// sentence ends, then any whitespace
	var sentences, spaces []int
	for i, r := range window {
		if !unicode.IsSpace(r) || i == 0 {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(window[:i])
		if unicode.IsSpace(prev) {
			continue
		}
		spaces = append(spaces, i)
		if strings.ContainsRune(".?!…;", prev) {
			sentences = append(sentences, i)
		}
	}
	if c := pick(sentences); c >= 0 {
		return c, skipSpace(s, c)
	}
	if c := pick(spaces); c >= 0 {
		return c, skipSpace(s, c)
	}
	c := target
	for c > 0 && !utf8.RuneStart(s[c]) {
		c--
	}
	if c == 0 { // no rune start in the first target bytes: invalid text
		c = target
	}
	return c, c
}

// skipSpace returns the index of the first non-space byte of s at or after i.
func skipSpace(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

// passageHeading is the first heading-like paragraph of a passage ("Faits
// et procédure", "PAR CES MOTIFS"): short, starting with a capital, not
// ending like a sentence, and followed by more text; "" when none.
func passageHeading(text string) string {
	paras := strings.Split(text, "\n\n")
	for i, p := range paras {
		if i == len(paras)-1 {
			break
		}
		p = strings.TrimSpace(p)
		if !isHeadingPara(p) {
			continue
		}
		return p
	}
	return ""
}

// isHeadingPara reports whether p looks like a heading: one short line
// starting with a capital and not ending like a sentence.
func isHeadingPara(p string) bool {
	n := utf8.RuneCountInString(p)
	if n < 3 || n > headingMaxRunes || strings.Contains(p, "\n") {
		return false
	}
	first, _ := utf8.DecodeRuneInString(p)
	last, _ := utf8.DecodeLastRuneInString(p)
	return unicode.IsUpper(first) && !strings.ContainsRune(".,;:", last)
}
