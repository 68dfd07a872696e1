package indexer

import (
	"unicode"

	"context"
	"golang.org/x/text/unicode/norm"
	"slices"
	"strings"
	"unicode/utf8"

	index "github.com/blevesearch/bleve_index_api"

	"lextraite/analyzers"
	"lextraite/corpus"
)

// correctable reports whether a typo correction may replace word: never a
// word with a digit (a law or decision number: "n°2012-023" must not
// become "2012-2013") nor an acronym in capitals ("ECOWAS", "CNUCTO"),
// which are searched as typed.
func correctable(word string) bool {
	if strings.IndexFunc(word, unicode.IsDigit) >= 0 {
		return false
	}
	return !corpus.IsAcronym(word)
}

// maxSuggestDistance is the largest edit distance of a suggestion.
const maxSuggestDistance = 2

// suggest returns the query with each word unknown to the French fields
// replaced by the closest frequent word of the index (edit distance ≤ 2 on
// the folded, stemmed terms, shown as the most frequent original form), or
// "" when nothing was replaced. "trafique" → "trafic".
func (ix *Index) suggest(pq *parsedQuery) string {
	if !slices.Contains(ix.langs, "fr") {
		return ""
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return ""
	}
	r, err := adv.Reader()
	if err != nil {
		return ""
	}
	defer r.Close()
	fz, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return ""
	}
	type repl struct {
		start, end int
		with       string
	}
	var repls []repl
	for _, g := range pq.groups {
		if g.not {
			continue
		}
		for _, t := range g.terms {
			if t.kind != termWord && t.kind != termFuzzy || !correctable(t.text) {
				continue
			}
			stem := ix.analyzeOne(analyzers.French, t.text)
			word := strings.ToLower(t.text)
			if stem != "" && ix.known(r, stem) {
				// The stem exists, yet the exact form may be a typo whose
				// stem collides with another word ("traitte" → "trait",
				// the stem of "traitement").
				if near := ix.exactTypo(r, fz, word); near != "" {
					repls = append(repls, repl{t.start, t.end, near})
				}
				continue
			}
			if stem == "" {
				continue
			}
			anyTerm := func(string) bool { return true }
			best := bestTerm(r, fz, langField(fText, "fr"), stem, anyTerm)
			if best == "" {
				// The stem may be far from its word's stems
				// ("exploitatoin"): try the word as typed.
				if s := bestTerm(r, fz, fTextExact, word, anyTerm); s != "" && s != word {
					repls = append(repls, repl{t.start, t.end, s})
				}
				continue
			}
			surface := ""
			isForm := func(s string) bool { return ix.analyzeOne(analyzers.French, s) == best }
			for _, center := range []string{best, word} {
				if s := bestTerm(r, fz, fTextExact, center, isForm); s != "" {
					surface = s
					break
				}
			}
			if surface == "" {
				surface = best
			}
			if surface != word {
				repls = append(repls, repl{t.start, t.end, surface})
			}
		}
	}
	if len(repls) == 0 {
		return ""
	}
	out := pq.raw
	for i := len(repls) - 1; i >= 0; i-- {
		rp := repls[i]
		if rp.start < 0 || rp.end > len(out) || rp.start > rp.end {
			return ""
		}
		out = out[:rp.start] + rp.with + out[rp.end:]
	}
	return out
}

// known reports whether the folded stem occurs in a French field.
func (ix *Index) known(r index.IndexReader, stem string) bool {
	for _, f := range []string{langField(fText, "fr"), langField(fTitle, "fr"), langField(fDocTitle, "fr"), langField(fHeading, "fr")} {
		if termCount(r, f, stem) > 0 {
			return true
		}
	}
	return false
}

// bestTerm returns the term of field within maxSuggestDistance of center,
// with its first letter, that ok accepts: nearest first, then sharing the
// longest prefix with center, then most frequent; "" if none. The
// center itself counts (distance 0). The fuzzy dictionary gives no counts:
// they are read per candidate.
func bestTerm(r index.IndexReader, fz index.IndexReaderFuzzy, field, center string, ok func(string) bool) string {
	// Misspellings rarely touch the first letter: keeping it cuts the
	// candidates and the nonsense ("trafique" → "pratique").
	first, _ := utf8.DecodeRuneInString(center)
	dict, err := fz.FieldDictFuzzy(field, center, maxSuggestDistance, string(first))
	if err != nil {
		return ""
	}
	type cand struct {
		term string
		dist uint8
	}
	var cands []cand
	for len(cands) < 200 {
		e, err := dict.Next()
		if err != nil || e == nil {
			break
		}
		if ok(e.Term) {
			cands = append(cands, cand{e.Term, e.EditDistance})
		}
	}
	dict.Close()
	var (
		best     string
		bestDist uint8 = 255
		bestPre  int
		bestN    uint64
	)
	for _, c := range cands {
		n := termCount(r, field, c.term)
		if n == 0 {
			continue
		}
		pre := commonPrefix(center, c.term)
		if c.dist < bestDist || c.dist == bestDist && (pre > bestPre || pre == bestPre && n > bestN) {
			best, bestDist, bestPre, bestN = c.term, c.dist, pre, n
		}
	}
	return best
}

// termCount returns the number of documents holding term in field.
func termCount(r index.IndexReader, field, term string) uint64 {
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, false, false, false)
	if err != nil {
		return 0
	}
	defer tfr.Close()
	return tfr.Count()
}

// commonPrefix returns the length in bytes of the common prefix of a and b.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// exactTypo returns the correction of a French word whose exact form
// occurs nowhere in the index but which is one or two edits from a word
// that does and that stems differently: "traitte" (stem "trait", as
// "traitement") → "traite". Inflections are not typos: "recruter", absent
// as such, is next to "recrute" with the same stem. "" when w is no typo.
func (ix *Index) exactTypo(r index.IndexReader, fz index.IndexReaderFuzzy, w string) string {
	if utf8.RuneCountInString(w) < 5 || strings.ContainsAny(w, "0123456789") {
		return ""
	}
	exact := ix.analyzeOne(analyzers.FrenchExact, w)
	if exact == "" || termCount(r, fTextExact, exact) > 0 || termCount(r, fTitleExact, exact) > 0 {
		return ""
	}
	if accentVariantExists(fz, exact) {
		return "" // typed without its accents: "etres" for "êtres"
	}
	stem := ix.analyzeOne(analyzers.French, w)
	return bestTerm(r, fz, fTextExact, exact, func(s string) bool {
		return s != exact && ix.analyzeOne(analyzers.French, s) != stem
	})
}

// accentVariantExists reports whether the exact field holds a word that
// differs from w only by accents.
func accentVariantExists(fz index.IndexReaderFuzzy, w string) bool {
	folded := foldAccents(w)
	dict, err := fz.FieldDictFuzzy(fTextExact, folded, 2, "")
	if err != nil {
		return false
	}
	defer dict.Close()
	for i := 0; i < 500; i++ {
		e, err := dict.Next()
		if err != nil || e == nil {
			return false
		}
		if foldAccents(e.Term) == folded {
			return true
		}
	}
	return false
}

// foldAccents removes combining accents after canonical decomposition.
func foldAccents(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
