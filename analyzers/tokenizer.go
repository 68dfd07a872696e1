package analyzers

import (
	"bytes"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/segment"
)

// LegalTokenizer is the registry name of the tokenizer shared by every
// analyzer of this package.
const LegalTokenizer = "lextraite_legal"

// Tokenizer splits text at Unicode word boundaries (UAX #29, as bleve's
// "unicode" tokenizer does) and then joins back the pieces of legal
// identifiers: a run of words each separated from the next by exactly one
// of the connectors '-', '.' or '/' (no space around it) becomes a single
// token when at least one of its words holds a digit. So "225-4-1",
// "L.622-1", "029-2008/AN", "ECW/CCJ/JUD/06/08" and "19-19.463" are one
// token each, while "traite-des-êtres" stays three words. A code prefix
// written with a dot and a space, "L. 622-4", is one token too. Unlike
// UAX #29, a colon always separates ("es:a" is two words).
//
// Tokens holding a digit are marked KeyWord: the stemmers and the accent
// folding of this package leave them alone. Word-internal apostrophes are
// kept as UAX #29 keeps them ("l’exploitation" is one token); the elision
// filter removes the article and moves Start past it.
//
// Start and End are byte offsets into the input and Term is the slice
// input[Start:End]. Tokenizer has no state and is safe for concurrent use.
type Tokenizer struct{}

// NewTokenizer returns a legal tokenizer.
func NewTokenizer() *Tokenizer { return &Tokenizer{} }

// word is one UAX #29 word segment, by byte offsets.
type word struct {
	start, end int
	typ        int // segment.Number, segment.Letter, ...
}

// isConnector reports whether the one-byte segment b may join two parts of
// an identifier.
func isConnector(b byte) bool { return b == '-' || b == '.' || b == '/' }

// Tokenize implements analysis.Tokenizer.
func (t *Tokenizer) Tokenize(input []byte) analysis.TokenStream {
	var (
		rv    = make(analysis.TokenStream, 0, len(input)/6+1)
		block []analysis.Token // tokens are allocated in blocks
		chain []word           // words joined by single connectors so far
		conn  bool             // a connector directly follows the chain
		pos   = 1
	)
	emit := func(start, end, typ int, keyword bool) {
		if len(block) == 0 {
			// About one token per 6 bytes of what remains: a title
			// does not pay for a block sized for an article.
			block = make([]analysis.Token, min(256, (len(input)-start)/6+4))
		}
		tok := &block[0]
		block = block[1:]
		tok.Term = input[start:end:end]
		tok.Start, tok.End, tok.Position = start, end, pos
		tok.Type = tokenType(typ)
		tok.KeyWord = keyword
		rv = append(rv, tok)
		pos++
	}
	flush := func() {
		if len(chain) > 1 {
			digit, typ := false, segment.Number
			for _, w := range chain {
				digit = digit || hasDigit(input[w.start:w.end], w.typ)
				if w.typ != segment.Number {
					typ = segment.Letter
				}
			}
			if digit {
				emit(chain[0].start, chain[len(chain)-1].end, typ, true)
				chain, conn = chain[:0], false
				return
			}
		}
		for _, w := range chain {
			emit(w.start, w.end, w.typ, hasDigit(input[w.start:w.end], w.typ))
		}
		chain, conn = chain[:0], false
	}

	addWord := func(start, end, typ int) {
		if len(chain) > 0 && !(conn && chain[len(chain)-1].end+1 == start) {
			flush()
		}
		chain = append(chain, word{start, end, typ})
		conn = false
	}
	addSep := func(start, end int) {
		if len(chain) == 0 {
			return
		}
		if !conn && end == start+1 && start == chain[len(chain)-1].end && isConnector(input[start]) {
			conn = true
		} else {
			flush()
		}
	}

	seg := segment.NewWordSegmenterDirect(input)
	start := 0
	for seg.Segment() {
		b := seg.Bytes()
		end := start + len(b)
		typ := seg.Type()
		switch {
		case typ == segment.None:
			addSep(start, end)
		case bytes.IndexByte(b, ':') < 0:
			addWord(start, end, typ)
		default:
			// UAX #29 keeps "es:a" whole (':' is MidLetter, for
			// Swedish); in legal text it separates, as in "ist es:a)".
			for s := start; s < end; {
				i := bytes.IndexByte(input[s:end], ':')
				if i < 0 {
					i = end - s
				}
				if i > 0 {
					addWord(s, s+i, typ)
				}
				s += i + 1
				if s <= end {
					addSep(s-1, s)
				}
			}
		}
		start = end
	}
	flush()
	return joinCodePrefixes(input, rv)
}

// joinCodePrefixes merges a code-article prefix written with a dot and a
// space, "L. 622-4" (as Légifrance prints it), "R. 225-1", "D. 8", into one
// KeyWord token covering the three: an uppercase L, R, D or A alone, a dot,
// one space (U+0020, U+00A0 or U+202F) and a token starting with a digit.
// Positions are renumbered when something was merged.
func joinCodePrefixes(input []byte, ts analysis.TokenStream) analysis.TokenStream {
	out := ts[:0]
	merged := false
	for i := 0; i < len(ts); i++ {
		tok := ts[i]
		if i+1 < len(ts) && tok.End-tok.Start == 1 && strings.IndexByte("LRDA", input[tok.Start]) >= 0 {
			next := ts[i+1]
			if gap := codeGap(input[tok.End:next.Start]); gap && next.KeyWord && '0' <= input[next.Start] && input[next.Start] <= '9' {
				tok.End = next.End
				tok.Term = input[tok.Start:tok.End:tok.End]
				tok.KeyWord, tok.Type = true, analysis.AlphaNumeric
				i++
				merged = true
			}
		}
		out = append(out, tok)
	}
	if merged {
		for i, tok := range out {
			tok.Position = i + 1
		}
	}
	return out
}

// codeGap reports whether b is a dot then one space, as in "L. 622-4".
func codeGap(b []byte) bool {
	if len(b) < 2 || b[0] != '.' {
		return false
	}
	sp := string(b[1:])
	return sp == " " || sp == "\u00a0" || sp == "\u202f"
}

// hasDigit reports whether a word segment holds a digit.
func hasDigit(b []byte, typ int) bool {
	if typ == segment.Number {
		return true
	}
	for _, c := range b {
		if '0' <= c && c <= '9' {
			return true
		}
	}
	return false
}

// tokenType maps segment word types to bleve token types as bleve's
// unicode tokenizer does.
func tokenType(typ int) analysis.TokenType {
	switch typ {
	case segment.Ideo, segment.Kana:
		return analysis.Ideographic
	case segment.Number:
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}

func init() {
	err := registry.RegisterTokenizer(LegalTokenizer,
		func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
			return NewTokenizer(), nil
		})
	if err != nil {
		panic(err)
	}
}
