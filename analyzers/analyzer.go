package analyzers

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/registry"
)

// pipelines lists, for each analyzer name, the registry names of its
// token filters in order; every analyzer uses LegalTokenizer. Shapes:
//
//	fr_legal: elision_fr, normalize, to_lower, identifier, stop_fr (legal), fold, protect_fr, stem_fr (light)
//	fr_exact: elision_fr, normalize, to_lower, identifier
//	en_legal: elision_fr, possessive_en, normalize, to_lower, identifier, stop_en, fold, stem_en (porter)
//	nl_legal: normalize, to_lower, identifier, stop_nl, fold, stem_nl (snowball)
//	de_legal: normalize, to_lower, identifier, stop_de, normalize_de, fold, stem_de (light)
//	it_legal: elision_it, normalize, to_lower, identifier, stop_it, fold, stem_it (light)
//
// en_legal removes French elisions too: English texts carry French short
// titles ("Convention n° 29 de l’OIT"), and no English word starts with
// one of the elided articles and an apostrophe.
//
// Elision runs first so that it can move Start past the article while the
// term is still the original text. Stop words are removed before folding,
// as bleve's lists are accented ("più", "für", "één"). Folding comes before
// stemming so that "etres" and "êtres" stem alike.
var pipelines = map[string][]string{
	French:      {ElisionFrench, Normalize, lowercase.Name, Identifier, StopFrench, Fold, ProtectFrench, StemFrench},
	FrenchExact: {ElisionFrench, Normalize, lowercase.Name, Identifier},
	English:     {ElisionFrench, en.PossessiveName, Normalize, lowercase.Name, Identifier, en.StopName, Fold, StemEnglish},
	Dutch:       {Normalize, lowercase.Name, Identifier, nl.StopName, Fold, StemDutch},
	German:      {Normalize, lowercase.Name, Identifier, de.StopName, de.NormalizeName, Fold, StemGerman},
	Italian:     {ElisionItalian, Normalize, lowercase.Name, Identifier, it.StopName, Fold, StemItalian},
}

// analyzerConstructor returns a registry constructor building the named
// analyzer from LegalTokenizer and pipelines[name].
func analyzerConstructor(name string) registry.AnalyzerConstructor {
	return func(_ map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
		tok, err := cache.TokenizerNamed(LegalTokenizer)
		if err != nil {
			return nil, fmt.Errorf("analyzers: %s: %w", name, err)
		}
		a := &analysis.DefaultAnalyzer{Tokenizer: tok}
		for _, fn := range pipelines[name] {
			f, err := cache.TokenFilterNamed(fn)
			if err != nil {
				return nil, fmt.Errorf("analyzers: %s: filter %s: %w", name, fn, err)
			}
			a.TokenFilters = append(a.TokenFilters, f)
		}
		return a, nil
	}
}

func init() {
	for _, name := range []string{French, FrenchExact, English, Dutch, German, Italian} {
		if err := registry.RegisterAnalyzer(name, analyzerConstructor(name)); err != nil {
			panic(err)
		}
	}
}
