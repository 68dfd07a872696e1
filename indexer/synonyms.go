package indexer

import (
	"slices"
	"strings"

	"lextraite/analyzers"
	"lextraite/corpus"
)

// A concept is a set of equivalent expressions by ISO 639-1 language: the
// French synonyms of a legal notion and its names in the other languages
// of the corpus. A query holding one of them (as consecutive words) also
// looks for the others: the synonyms in its own language at
// boostSynonym, the translations at boostTranslation, so that a French
// query finds the English text of an instrument the corpus lacks in
// French, ranked below the French hits.
type concept map[string][]string

// glossary is the bilingual legal glossary of the field. Every expression
// is written as in the texts; matching goes through each language's
// analyzer (case, accents, elision, stemming). Only expressions that the
// instruments of the corpus use or that magistrates type are listed.
var glossary = []concept{
	{
		"fr": {"traite des personnes", "traite des êtres humains", "traite d'êtres humains", "traite de personnes"},
		"en": {"trafficking in persons", "trafficking in human beings"},
		"nl": {"mensenhandel"},
		"de": {"Menschenhandel"},
		"it": {"tratta di persone", "tratta di esseri umani"},
	},
	{
		"fr": {"traite des enfants", "traite d'enfants"},
		"en": {"trafficking in children", "child trafficking"},
		"nl": {"kinderhandel"},
	},
	{
		"fr": {"trafic illicite de migrants", "trafic de migrants", "passeurs de migrants", "passeur de migrants", "passeurs", "passeur"},
		"en": {"smuggling of migrants", "migrant smuggling"},
		"nl": {"smokkel van migranten", "smokkelen van migranten"},
		"de": {"Schleusung von Migranten"},
		"it": {"traffico di migranti"},
	},
	{
		"fr": {"travail forcé", "travail forcé ou obligatoire", "travaux forcés"},
		"en": {"forced labour", "forced labor", "forced or compulsory labour"},
		"nl": {"gedwongen arbeid", "dwangarbeid", "gedwongen of verplichte arbeid"},
		"de": {"Zwangsarbeit"},
		"it": {"lavoro forzato"},
	},
	{
		"fr": {"esclavage"},
		"en": {"slavery"},
		"nl": {"slavernij"},
		"de": {"Sklaverei"},
		"it": {"schiavitù"},
	},
	{
		"fr": {"servitude"},
		"en": {"servitude"},
		"nl": {"dienstbaarheid"},
		"de": {"Leibeigenschaft"},
		"it": {"servitù"},
	},
	{
		"fr": {"exploitation sexuelle"},
		"en": {"sexual exploitation"},
		"nl": {"seksuele uitbuiting"},
		"de": {"sexuelle Ausbeutung"},
		"it": {"sfruttamento sessuale"},
	},
	{
		"fr": {"prélèvement d'organes"},
		"en": {"removal of organs"},
		"nl": {"verwijderen van organen"},
		"de": {"Organentnahme"},
		"it": {"prelievo di organi"},
	},
	{
		"fr": {"vente d'enfants"},
		"en": {"sale of children"},
		"nl": {"verkoop van kinderen"},
	},
	{
		"fr": {"pires formes de travail des enfants"},
		"en": {"worst forms of child labour"},
		"nl": {"ergste vormen van kinderarbeid"},
	},
	{
		"fr": {"non-sanction", "ne pas imposer de sanctions"},
		"en": {"non-punishment"},
	},
	{
		"fr": {"titre de séjour", "permis de séjour", "carte de séjour"},
		"en": {"residence permit"},
		"nl": {"verblijfsvergunning"},
	},
	{
		"fr": {"mendicité"},
		"en": {"begging"},
	},
	{
		"fr": {"convention 29", "convention n° 29"},
		"en": {"C029"},
	},
	{
		// The texts say CEDEAO; English-speaking users and West African
		// bilingual documents say ECOWAS.
		"fr": {"CEDEAO", "Communauté économique des États de l'Afrique de l'Ouest"},
		"en": {"ECOWAS", "Economic Community of West African States"},
	},
}

// phrase is one expression of a concept as a language's analyzer makes it.
type phrase struct {
	lang  string
	text  string   // as written in the glossary
	terms []string // analyzed terms, stop words removed
}

// analyzedConcept is a concept's expressions, analyzed.
type analyzedConcept struct {
	phrases []phrase
	// names: the names of one instrument (from the catalog), looked up in
	// the query's language only: the documents carry them as short
	// titles already, translations would only favour other languages.
	names bool
}

// synonyms holds the glossary and the catalog's names analyzed once, for
// matching query words.
type synonyms struct {
	concepts []analyzedConcept
}

// newSynonyms analyzes the glossary and the short names of the instrument
// catalog (corpus.DefaultCatalog: "CNUCTO", "Convention de Palerme",
// "Protocole de Palerme"…) with the index's analyzers. The catalog's
// names of one instrument form a concept searched in the titles; the
// documents of the corpus already carry them as short titles, so they
// mainly help the language versions that lack one.
func newSynonyms(analyze func(analyzer, s string) []string) *synonyms {
	s := &synonyms{}
	add := func(c concept, names bool) {
		var ps []phrase
		for _, lang := range languages {
			for _, t := range c[lang] {
				if terms := analyze(analyzers.ForLanguage(lang), t); len(terms) > 0 {
					ps = append(ps, phrase{lang: lang, text: t, terms: terms})
				}
			}
		}
		if len(ps) > 1 {
			s.concepts = append(s.concepts, analyzedConcept{phrases: ps, names: names})
		}
	}
	for _, c := range glossary {
		add(c, false)
	}
	if cat := corpus.DefaultCatalog(); cat != nil {
		for _, in := range cat.Instruments {
			c := concept{}
			for _, n := range in.Names {
				// Names are mostly French or English; an acronym is
				// the same in every language.
				lang := "fr"
				if isEnglishName(n) {
					lang = "en"
				}
				c[lang] = append(c[lang], n)
			}
			add(c, true)
		}
	}
	return s
}

// isEnglishName guesses whether a catalog name is English ("Palermo
// Protocol", "Trafficking in Persons Protocol").
func isEnglishName(n string) bool {
	l := " " + strings.ToLower(n) + " "
	for _, w := range []string{" protocol ", " convention on ", " convention against ", " against ", " united nations ", " of the ", " palermo ", " warsaw ", " forced labour "} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// match is a glossary hit in the query: the query words from..to-1 (indexes
// into the word list given to find) are one of the concept's phrases.
type match struct {
	from, to int
	lang     string // language of the matched expression
	concept  analyzedConcept
}

// find returns the non-overlapping glossary matches in a run of query
// words, longest first at each position. termsOf returns a word's terms
// in a language ("" words, stop words, have none).
func (s *synonyms) find(words []string, termsOf func(lang, w string) []string) []match {
	var out []match
	for i := 0; i < len(words); {
		best := match{to: -1}
		for _, c := range s.concepts {
			for _, p := range c.phrases {
				if j := matchAt(words, i, p, termsOf); j > best.to && j > i {
					best = match{from: i, to: j, lang: p.lang, concept: c}
				}
			}
		}
		if best.to > i {
			out = append(out, best)
			i = best.to
			continue
		}
		i++
	}
	return out
}

// matchAt reports where the phrase p, matched from words[i], ends (the
// index after its last word), or -1. Query words without terms (stop
// words) are skipped, but the match must start on a word with terms.
func matchAt(words []string, i int, p phrase, termsOf func(lang, w string) []string) int {
	k := 0
	j := i
	for ; j < len(words) && k < len(p.terms); j++ {
		ts := termsOf(p.lang, words[j])
		if len(ts) == 0 {
			if j == i {
				return -1
			}
			continue
		}
		for _, t := range ts {
			if k >= len(p.terms) || t != p.terms[k] {
				return -1
			}
			k++
		}
	}
	if k < len(p.terms) {
		return -1
	}
	return j
}

// has reports whether a word is part of an expression of the glossary or
// the catalog: such a word is not a typo.
func (s *synonyms) has(w string, termsOf func(lang, w string) []string) bool {
	for _, c := range s.concepts {
		for _, p := range c.phrases {
			for _, t := range termsOf(p.lang, w) {
				if slices.Contains(p.terms, t) {
					return true
				}
			}
		}
	}
	return false
}
