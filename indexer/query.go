package indexer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"lextraite/corpus"
)

// The query language (French UI, documented on the help page):
//
//	traite êtres humains     every word must appear (any language field)
//	"traite des personnes"   exact phrase, accents kept, no stemming
//	+mot  -mot               required (the default) / excluded
//	traite OR trafic         either (OU is accepted too)
//	trafi*                   prefix (at least 3 letters; no leading joker)
//	trafik~                  approximate, one edit at most
//	225-4-1, L622-1, 279.01, article 499, art. 3 bis, article:12
//	                         article lookup: provisions with that number first
//	juridiction:bj type:loi annee:2012 langue:en
//	                         filters, as the form's filters
//
// Parentheses are treated as spaces. Regular expressions (/…/), leading
// jokers, jokers inside words and fuzziness beyond ~1 are refused.

// Limits on a query, to keep every search cheap.
const (
	maxQueryRunes = 500
	maxTerms      = 50
	minPrefix     = 3
)

// termKind is what one query term asks for.
type termKind int

const (
	termWord    termKind = iota // analyzed word
	termPhrase                  // "…": phrase on the exact fields
	termPrefix                  // trafi*
	termFuzzy                   // trafik~
	termArticle                 // article number lookup
)

// term is one searchable unit of a query.
type term struct {
	kind termKind
	text string // word, phrase, prefix (without *), fuzzy word, or article number as typed
	// start, end are the byte offsets of the term in the query, for
	// rewriting it in a suggestion.
	start, end int
	// optional: the word only ranks, it is not required ("loi" before a
	// law number, "définition").
	optional bool
	// named: an article number the query introduces as one ("article 3",
	// "art. L. 622-1"), not a number alone ("499").
	named bool
}

// group is a required (or, when not, excluded) clause: one term, or several
// joined by OR.
type group struct {
	terms []term
	not   bool
	// required: written with + ("+esclavage"): never dropped by the soft
	// conjunction of long queries.
	required bool
}

// parsedQuery is the result of parseQuery.
type parsedQuery struct {
	raw     string
	groups  []group
	filters filters
}

// filters are the codes accepted per filter; empty means no filter.
type filters struct {
	jurisdiction, kind, year, language, court []string
}

func (f filters) empty() bool {
	return len(f.jurisdiction)+len(f.kind)+len(f.year)+len(f.language)+len(f.court) == 0
}

// badQuery returns an error wrapping ErrBadQuery with a French message.
func badQuery(format string, args ...any) error {
	return fmt.Errorf("%w : %s", ErrBadQuery, fmt.Sprintf(format, args...))
}

// token is a lexical unit of the query.
type token struct {
	text       string
	start, end int
	quoted     bool
	sign       byte // '+', '-' or 0
}

// lex splits the query into tokens: quoted phrases and runs of non-space
// characters; parentheses count as spaces.
func lex(q string) ([]token, error) {
	var toks []token
	isSep := func(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == ')' }
	i := 0
	for i < len(q) {
		r, n := utf8.DecodeRuneInString(q[i:])
		if isSep(r) {
			i += n
			continue
		}
		start := i
		var sign byte
		if (r == '+' || r == '-') && i+1 < len(q) && q[i+1] == '"' {
			sign = byte(r)
			i++
			r = '"'
		}
		if r == '"' {
			end := strings.IndexByte(q[i+1:], '"')
			if end < 0 {
				return nil, badQuery("guillemet non fermé : fermez l'expression entre guillemets")
			}
			phrase := q[i+1 : i+1+end]
			i += end + 2
			if i < len(q) && q[i] == '~' {
				return nil, badQuery("la proximité (~) n'est pas prise en charge après une expression entre guillemets")
			}
			toks = append(toks, token{text: phrase, start: start, end: i, quoted: true, sign: sign})
			continue
		}
		for i < len(q) {
			r, n := utf8.DecodeRuneInString(q[i:])
			if isSep(r) || r == '"' {
				break
			}
			i += n
		}
		toks = append(toks, token{text: q[start:i], start: start, end: i})
	}
	return toks, nil
}

// articleWords introduce an article number ("article 499", "art. 3").
var articleWords = map[string]bool{"article": true, "articles": true, "art": true, "art.": true, "arts": true, "arts.": true}

// latinSuffixes are the multiplicative suffixes of article numbers, glued
// to them in Swiss law ("305bis", "66abis").
const latinSuffixes = `bis|ter|quater|quinquies|sexies|septies|octies|nonies|novies|decies`

// numberSuffixes may follow an article number ("3 bis").
var numberSuffixes = map[string]bool{"bis": true, "ter": true, "quater": true, "quinquies": true,
	"sexies": true, "septies": true, "octies": true, "nonies": true, "novies": true, "decies": true}

var (
	// articleNumberRe: a number made of digit groups joined by - . or /,
	// optionally after a 1-3 letter prefix (L622-1, L.622-1, R. 5221-3 as
	// one token), optionally ending in a letter (224-1-a) — at least one
	// connector or a letter prefix, so that "2012" alone stays a word.
	articleNumberRe = regexp.MustCompile(`^(?i:(?:[a-z]{1,3}\.?\d+(?:[-./]\d+)*|\d+(?:[-./]\d+)+)(?:-[a-z])?)$`)
	// bareNumberRe: what may follow "article": an integer, a number as
	// above, "premier" or "1er".
	bareNumberRe = regexp.MustCompile(`^(?i:\d+[a-z]?(?:` + latinSuffixes + `)?|premier|1er)$`)
	// integerRe: a bare article number ("499", "3a", Swiss "305bis").
	integerRe = regexp.MustCompile(`^\d+[a-z]?(?i:` + latinSuffixes + `)?$`)
	// letterPrefixRe: "L." or "R" standing alone before the digits.
	letterPrefixRe = regexp.MustCompile(`^[A-Za-z]{1,3}\.?$`)
)

// numberIntroducers are words that announce a text or register number
// ("loi 2018-16", "RS 0.311.541", "n° 2013-711"): before a number they
// only rank, since a document's number is often not in its title.
var numberIntroducers = map[string]bool{"loi": true, "lois": true, "decret": true, "ordonnance": true,
	"arrete": true, "rs": true, "sr": true, "n": true, "no": true, "n°": true, "numero": true, "nr": true}

// metaWords say what kind of provision is wanted rather than what it is
// about ("définition de la traite"): they rank, they are not required.
var metaWords = map[string]bool{"definition": true, "definitions": true, "defini": true, "definie": true,
	"definir": true, "notion": true, "meaning": true, "begriff": true, "definitie": true, "definizione": true}

// isArticleNumber reports whether a word is written like an article or
// text number ("225-4-1", "L622-1", "279.01", "2012-023").
func isArticleNumber(w string) bool { return articleNumberRe.MatchString(w) }

// filterKeys maps the (accent-folded, lower-case) field names of the query
// language to filters; "article" is handled apart.
var filterKeys = map[string]string{
	"juridiction": "juridiction", "pays": "juridiction",
	"type": "type", "nature": "type",
	"annee": "annee", "an": "annee",
	"langue":  "langue",
	"article": "article", "art": "article",
}

// parseQuery parses the user's query. Errors wrap ErrBadQuery with a French
// message.
func parseQuery(q string) (*parsedQuery, error) {
	if utf8.RuneCountInString(q) > maxQueryRunes {
		return nil, badQuery("requête trop longue (%d caractères au plus)", maxQueryRunes)
	}
	if !utf8.ValidString(q) {
		return nil, badQuery("la requête contient des caractères invalides")
	}
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	pq := &parsedQuery{raw: q}

	// First pass: terms and OR markers, in order.
	type item struct {
		t    term
		or   bool
		sign byte
	}
	var items []item
	nterms := 0
	negate := false // after NOT / SAUF: the next term is excluded, as "-terme"
	for i := 0; i < len(toks); i++ {
		tk := toks[i]
		if tk.quoted {
			if strings.TrimSpace(tk.text) == "" {
				continue
			}
			nterms += len(strings.Fields(tk.text))
			sign := tk.sign
			if negate {
				sign, negate = '-', false
			}
			items = append(items, item{t: term{kind: termPhrase, text: tk.text, start: tk.start, end: tk.end}, sign: sign})
			continue
		}
		text := tk.text
		switch text {
		case "OR", "OU", "||":
			items = append(items, item{or: true})
			continue
		case "NOT", "SAUF", "!":
			negate = true
			continue
		case "AND", "ET", "&&", "+", "-":
			continue
		}
		var sign byte
		if text[0] == '+' || text[0] == '-' {
			sign, text = text[0], text[1:]
		}
		if negate {
			sign, negate = '-', false
		}
		start := tk.end - len(text)
		if strings.HasPrefix(text, "/") {
			if len(text) > 1 && strings.HasSuffix(text, "/") || slices.ContainsFunc(toks[i+1:], func(t token) bool { return strings.HasSuffix(t.text, "/") }) {
				return nil, badQuery("les expressions régulières (/…/) ne sont pas acceptées")
			}
		}
		// Field filters.
		if k, v, ok := strings.Cut(text, ":"); ok && k != "" {
			if key, known := filterKeys[foldKey(k)]; known {
				if v == "" {
					return nil, badQuery("valeur manquante après « %s: »", k)
				}
				if sign == '-' {
					return nil, badQuery("un filtre (%s:) ne peut pas être exclu avec -", k)
				}
				if key == "article" {
					nterms++
					items = append(items, item{t: term{kind: termArticle, text: v, start: start, end: tk.end}, sign: sign})
					continue
				}
				if err := pq.filters.add(key, v); err != nil {
					return nil, err
				}
				continue
			}
		}
		nterms++
		// "L. 622-4" as Légifrance writes it: one article number.
		if len(text) == 2 && text[1] == '.' && strings.IndexByte("LRDA", text[0]) >= 0 && i+1 < len(toks) &&
			!toks[i+1].quoted && isArticleNumber(text[:1]+toks[i+1].text) {
			items = append(items, item{t: term{kind: termArticle, text: text + toks[i+1].text, start: start, end: toks[i+1].end}, sign: sign})
			i++
			continue
		}
		// Article lookup: "article 499", "art. L. 622-1", "art. 3 bis".
		if articleWords[strings.ToLower(text)] && i+1 < len(toks) && !toks[i+1].quoted {
			j := i + 1
			num := toks[j].text
			if letterPrefixRe.MatchString(num) && j+1 < len(toks) && !toks[j+1].quoted &&
				(bareNumberRe.MatchString(toks[j+1].text) || isArticleNumber(toks[j+1].text)) {
				j++
				num += toks[j].text
			}
			if isArticleNumber(num) || bareNumberRe.MatchString(num) {
				if j+1 < len(toks) && numberSuffixes[strings.ToLower(toks[j+1].text)] {
					j++
					num += " " + toks[j].text
				}
				items = append(items, item{t: term{kind: termArticle, text: num, start: start, end: toks[j].end, named: true}, sign: sign})
				i = j
				continue
			}
		}
		// A number alone ("499", "225-4-1") is looked up as an article
		// number and as a word: the article clause matches either.
		if isArticleNumber(text) || integerRe.MatchString(text) {
			end := tk.end
			// "305 bis": the suffix belongs to the number
			if i+1 < len(toks) && !toks[i+1].quoted && numberSuffixes[strings.ToLower(toks[i+1].text)] {
				i++
				text += " " + toks[i].text
				end = toks[i].end
			}
			// "224-1 A": a capital letter after a code article number.
			if i+1 < len(toks) && !toks[i+1].quoted && len(toks[i+1].text) == 1 && 'A' <= toks[i+1].text[0] &&
				toks[i+1].text[0] <= 'H' && strings.Contains(text, "-") {
				i++
				text += " " + toks[i].text
				end = toks[i].end
			}
			items = append(items, item{t: term{kind: termArticle, text: text, start: start, end: end}, sign: sign})
			continue
		}
		t, err := wordTerm(text)
		if err != nil {
			return nil, err
		}
		if t.text == "" {
			continue
		}
		t.start, t.end = start, tk.end
		if sign == 0 && t.kind == termWord {
			k := foldKey(t.text)
			t.optional = metaWords[k] || numberIntroducers[strings.ToLower(strings.TrimSuffix(t.text, "."))] &&
				i+1 < len(toks) && nextIsNumber(toks[i+1:])
		}
		items = append(items, item{t: t, sign: sign})
	}
	if nterms > maxTerms {
		return nil, badQuery("trop de termes (%d au plus)", maxTerms)
	}
	if negate {
		return nil, badQuery("NOT (ou SAUF) précède le terme à exclure : « traite NOT travail »")
	}

	// Second pass: join terms around OR into groups.
	for i := 0; i < len(items); i++ {
		it := items[i]
		if it.or {
			return nil, badQuery("OR doit relier deux termes (« traite OR trafic »)")
		}
		g := group{terms: []term{it.t}, not: it.sign == '-', required: it.sign == '+'}
		for i+1 < len(items) && items[i+1].or {
			if i+2 >= len(items) || items[i+2].or {
				return nil, badQuery("OR doit relier deux termes (« traite OR trafic »)")
			}
			next := items[i+2]
			if g.not || next.sign == '-' {
				return nil, badQuery("OR ne peut pas relier un terme exclu par -")
			}
			g.terms = append(g.terms, next.t)
			i += 2
		}
		pq.groups = append(pq.groups, g)
	}
	if len(pq.groups) == 0 && pq.filters.empty() && strings.TrimSpace(q) != "" {
		// "-", "+", "AND": operators with nothing to apply to would
		// otherwise return the whole corpus.
		return nil, badQuery("la requête « %s » ne contient aucun mot à chercher, seulement des opérateurs (+, -, AND, OR)", strings.TrimSpace(q))
	}
	return pq, nil
}

// nextIsNumber reports whether the next tokens start with a number, maybe
// after "n°" ("loi n° 2013-711").
func nextIsNumber(toks []token) bool {
	for i, t := range toks {
		if t.quoted || i > 1 {
			return false
		}
		w := strings.ToLower(t.text)
		if isArticleNumber(w) || integerRe.MatchString(w) {
			return true
		}
		if !numberIntroducers[strings.TrimSuffix(w, ".")] {
			return false
		}
	}
	return false
}

// wordTerm classifies a plain word: prefix (trafi*), fuzzy (trafik~), or
// word; it refuses jokers elsewhere than at the end.
func wordTerm(w string) (term, error) {
	// "?" is no joker here: "quelle peine pour la traite ?", "esclavage?"
	// are questions, their question mark is punctuation
	w = strings.ReplaceAll(w, "?", "")
	if w == "" {
		return term{}, nil
	}
	if w[0] == '*' {
		return term{}, badQuery("le joker * ne peut pas commencer un mot (« %s ») : il suit au moins %d lettres (« trafi* »)", w, minPrefix)
	}
	if base, fz, ok := strings.Cut(w, "~"); ok {
		if strings.Contains(base, "*") {
			return term{}, badQuery("joker et approximation (~) ne se combinent pas (« %s »)", w)
		}
		switch fz {
		case "", "1":
			if base == "" {
				return term{}, badQuery("« ~ » doit suivre un mot (« trafik~ »)")
			}
			return term{kind: termFuzzy, text: base}, nil
		case "0":
			return term{kind: termWord, text: base}, nil
		}
		return term{}, badQuery("approximation limitée à ~1 (« %s »)", w)
	}
	if strings.Contains(w, "*") {
		base := strings.TrimSuffix(w, "*")
		if strings.Contains(base, "*") {
			return term{}, badQuery("le joker * n'est accepté qu'en fin de mot (« %s »)", w)
		}
		if utf8.RuneCountInString(base) < minPrefix {
			return term{}, badQuery("au moins %d lettres avant le joker * (« %s »)", minPrefix, w)
		}
		return term{kind: termPrefix, text: base}, nil
	}
	return term{kind: termWord, text: w}, nil
}

// add adds a filter value from the query (juridiction:bj, type:loi, ...).
func (f *filters) add(key, v string) error {
	for _, v := range strings.Split(v, ",") {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		switch key {
		case "juridiction":
			f.jurisdiction = appendNew(f.jurisdiction, strings.ToLower(v))
		case "langue":
			f.language = appendNew(f.language, strings.ToLower(v))
		case "annee":
			if len(v) != 4 || strings.Trim(v, "0123456789") != "" {
				return badQuery("année invalide « %s » : quatre chiffres, par exemple annee:2012", v)
			}
			f.year = appendNew(f.year, v)
		case "type":
			k, ok := corpus.KindOf(v)
			if !ok {
				return badQuery("type inconnu « %s » ; types possibles : %s", v, strings.Join(corpus.Kinds, ", "))
			}
			f.kind = appendNew(f.kind, k)
		}
	}
	return nil
}

// foldKey lowercases a filter name and drops accents ("Année" → "annee").
func foldKey(k string) string { return strings.ReplaceAll(corpus.Slug(k), "-", "") }

func appendNew(list []string, v string) []string {
	if slices.Contains(list, v) {
		return list
	}
	return append(list, v)
}

// merge returns the union of two lists of codes.
func merge(a, b []string) []string {
	out := slices.Clone(a)
	for _, v := range b {
		out = appendNew(out, v)
	}
	return out
}
