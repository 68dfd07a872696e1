package analyzers

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/registry"
)

// Registry names of the stemmers, each a bleve stemmer that skips tokens
// marked KeyWord (legal identifiers).
const (
	// StemFrench wraps bleve's "stemmer_fr_light" (Savoy's light French
	// stemmer, as in Lucene's FrenchLightStemFilter).
	StemFrench = "lextraite_stem_fr"
	// StemEnglish wraps bleve's "stemmer_porter", as bleve's "en" analyzer.
	StemEnglish = "lextraite_stem_en"
	// StemDutch wraps bleve's "stemmer_nl_snowball".
	StemDutch = "lextraite_stem_nl"
	// StemGerman wraps bleve's "stemmer_de_light".
	StemGerman = "lextraite_stem_de"
	// StemItalian wraps bleve's "stemmer_it_light".
	StemItalian = "lextraite_stem_it"
)

// MaxStemLength is the length in bytes above which a term is not stemmed:
// no word is that long, and bleve's French light stemmer is quadratic on
// long runs such as "l’l’l’…" (seconds for a 60 kB token).
const MaxStemLength = 64

// KeywordSafeFilter runs Inner on the tokens not marked KeyWord and not
// longer than MaxStemLength only. Inner must change terms in place, one
// for one (a stemmer): it must not drop, add or reorder tokens.
type KeywordSafeFilter struct {
	// Inner is the wrapped stemmer.
	Inner analysis.TokenFilter
}

// Filter implements analysis.TokenFilter.
func (f *KeywordSafeFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	sub := make(analysis.TokenStream, 0, len(input))
	for _, tok := range input {
		if !tok.KeyWord && len(tok.Term) <= MaxStemLength {
			sub = append(sub, tok)
		}
	}
	if len(sub) > 0 {
		f.Inner.Filter(sub)
	}
	return input
}

// keywordSafe returns a registry constructor wrapping the named bleve
// filter in a KeywordSafeFilter.
func keywordSafe(inner string) registry.TokenFilterConstructor {
	return func(_ map[string]any, cache *registry.Cache) (analysis.TokenFilter, error) {
		f, err := cache.TokenFilterNamed(inner)
		if err != nil {
			return nil, fmt.Errorf("analyzers: stemmer %q: %w", inner, err)
		}
		return &KeywordSafeFilter{Inner: f}, nil
	}
}

func init() {
	mustRegisterFilter(StemFrench, keywordSafe(fr.LightStemmerName))
	mustRegisterFilter(StemEnglish, keywordSafe(porter.Name))
	mustRegisterFilter(StemDutch, keywordSafe(nl.SnowballStemmerName))
	mustRegisterFilter(StemGerman, keywordSafe(de.LightStemmerName))
	mustRegisterFilter(StemItalian, keywordSafe(it.LightStemmerName))
}
