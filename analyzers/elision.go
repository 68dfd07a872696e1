package analyzers

import (
	"fmt"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/registry"
)

// Registry names of the elision filters.
const (
	// ElisionFrench removes the French elided articles l, d, j, m, n, s,
	// t, c, qu, jusqu, lorsqu, puisqu and quoiqu (bleve's "articles_fr",
	// from Lucene).
	ElisionFrench = "lextraite_elision_fr"
	// ElisionItalian removes the Italian elided articles and articulated
	// prepositions l, dell, all, dall, nell, sull, un, ... (bleve's
	// "articles_it", from Lucene).
	ElisionItalian = "lextraite_elision_it"
)

// maxArticle bounds the length in bytes of an elided article.
const maxArticle = 8

// ElisionFilter removes an elided article and its apostrophe from the
// front of a token: "l’exploitation" → "exploitation", "jusqu'à" → "à".
// The apostrophe may be U+0027 ('), U+2019 (’), U+02BC (ʼ) or U+2018 (‘);
// the article is matched without regard to ASCII case ("L’", "QU’").
//
// It must run first in the chain, on the tokenizer's output: when the term
// is still the original text (End-Start == len(Term)) it also moves Start
// past the apostrophe, so that highlighting covers "exploitation" only.
type ElisionFilter struct {
	articles analysis.TokenMap // lowercase articles, without apostrophe
}

// NewElisionFilter returns an elision filter for the given lowercase
// articles.
func NewElisionFilter(articles analysis.TokenMap) *ElisionFilter {
	return &ElisionFilter{articles: articles}
}

// isApostrophe reports whether r is one of the apostrophes that mark an
// elision.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '‘'
}

// Filter implements analysis.TokenFilter.
func (f *ElisionFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	var buf [maxArticle]byte
	for _, tok := range input {
		term := tok.Term
		for i := 0; i < len(term) && i <= maxArticle; {
			r, size := utf8.DecodeRune(term[i:])
			if isApostrophe(r) {
				if i == 0 || i+size == len(term) {
					break
				}
				for j := range i {
					c := term[j]
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					buf[j] = c
				}
				if f.articles[string(buf[:i])] {
					if tok.End-tok.Start == len(term) {
						tok.Start += i + size
					}
					tok.Term = term[i+size:]
				}
				break
			}
			i += size
		}
	}
	return input
}

// elisionConstructor returns a registry constructor for an elision filter
// using the named bleve token map of articles.
func elisionConstructor(articles string) registry.TokenFilterConstructor {
	return func(_ map[string]any, cache *registry.Cache) (analysis.TokenFilter, error) {
		m, err := cache.TokenMapNamed(articles)
		if err != nil {
			return nil, fmt.Errorf("analyzers: elision articles %q: %w", articles, err)
		}
		return NewElisionFilter(m), nil
	}
}

func init() {
	mustRegisterFilter(ElisionFrench, elisionConstructor(fr.ArticlesName))
	mustRegisterFilter(ElisionItalian, elisionConstructor(it.ArticlesName))
}

// mustRegisterFilter registers a token filter constructor or panics, as
// bleve's own packages do at init time.
func mustRegisterFilter(name string, c registry.TokenFilterConstructor) {
	if err := registry.RegisterTokenFilter(name, c); err != nil {
		panic(err)
	}
}
