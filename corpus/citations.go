package corpus

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Citation kinds (Citation.Kind).
const (
	CiteArticle    = "article"    // an article of another or an unnamed text: "article 131-27 du code pénal"
	CiteRenvoi     = "renvoi"     // pointing back: "art. 5 du présent Protocole", "par. 1 du présent article", "article 38 ci-dessus"
	CiteLoi        = "loi"        // "loi n° 2012-023 du 12 juillet 2012"
	CiteOrdonnance = "ordonnance" // "ordonnance n° 2010-86"
	CiteDecret     = "decret"     // "décret n° 2011-036/P-RM"
	CiteCode       = "code"       // a code named alone: "code de procédure pénale"
	CiteTraite     = "traite"     // a treaty named alone: "Protocole de Palerme", "CEDH"
	CiteDecision   = "decision"   // "Cass. crim., 12 mars 2013, n° 12-84.155", "pourvoi n° …", "ECW/CCJ/JUD/06/08"
	CiteECLI       = "ecli"       // "ECLI:FR:CCASS:2020:CO00740"
)

// citeRef is what the extractor understood of a citation, for Resolve.
type citeRef struct {
	arts  []string // article numbers, normalised ("225-4-1", "L622-4", "3 bis")
	rng   bool     // arts[0] à arts[1]
	sub   bool     // names a part below the article (alinéa, paragraphe, point)
	scope string   // see the scope constants
	// instrument named
	instr    string // as written ("code pénal", "Convention", "présent Protocole")
	work     string // catalog work id, when named by a catalog name
	generic  string // generic code name ("code pénal")
	actKind  string // loi, ordonnance, decret, arrete
	actNum   string
	actDate  string // ISO date when given
	decision string // decision number, ECLI or court number
	// titled: a generic "Loi"/"Act" that goes on with its title ("de la
	// Loi sur l’extradition"), not the defined term "la Loi"
	titled bool
}

// Scopes of a citation's instrument.
const (
	scopeNone    = ""        // no instrument named: the citing text itself, by default
	scopeSelf    = "self"    // "du présent Protocole", "of this Convention"
	scopeSelfArt = "selfart" // "du présent article", "of this article"
	scopeSame    = "same"    // "du même code", "dudit code", "précité", "ci-dessus"
	scopeGeneric = "generic" // "de la Convention", "du Protocole": by context
	scopeWork    = "work"    // a catalog name
	scopeCode    = "code"    // "du code pénal": by the citing jurisdiction
	scopeAct     = "act"     // "de la loi n° 2012-023"
	scopeStatute = "statute" // Canadian "2001, ch. 32, art. 1"
	scopeNamed   = "named"   // an instrument named by its own words: "Convention de Vienne", "Déclaration de 1789"
	scopeAbbr    = "abbr"    // a Swiss or French abbreviation after the article: "art. 49 LPD", "art. 6 CEDH"
)

// Act returns the kind and the number of the act a citation names by
// number, for a citation of the act itself ("loi n° 2012-023") or of one
// of its articles ("article 7 de la loi n°2012-023"): kind is "loi",
// "ordonnance", "decret" or "arrete" (unaccented, as Catalog.Numbered
// accepts), number as written with dash variants made "-" and inner spaces
// dropped ("2012-023", "029-2008/AN"). Both are "" for any other citation
// and for a citation that did not come from ExtractCitations.
func (c Citation) Act() (kind, number string) {
	if c.ref == nil || c.ref.actNum == "" {
		return "", ""
	}
	return c.ref.actKind, c.ref.actNum
}

// ExtractCitations returns the citations found in text, in text order, with
// exact byte offsets (text[c.Start:c.End] == c.Text). lang is the ISO 639-1
// language of the text; the French, English and treaty forms are read in
// every language. Target is left empty: Resolve fills it.
func ExtractCitations(text, lang string) []Citation {
	if text == "" {
		return nil
	}
	var out []Citation
	end := 0
	for i := 0; i < len(text); i++ {
		if i < end || !wordStart(text, i) && !gluedArticle(text, i) || !triggerAt(text, i) {
			continue
		}
		c, ok := parseAt(text, i)
		if !ok {
			// a run of parts that led to no article ("I de I de …") fails
			// from any of its later parts too: skip it, else the scan is
			// quadratic
			end = max(end, c.End)
			continue
		}
		if isHeadingAt(text, c) || isGluedHeading(text, c) {
			// "Article 314 : Frais de transport…" at the start of a line
			// is an article's own heading, not a reference.
			end = c.End
			continue
		}
		out = append(out, c)
		end = c.End
		for {
			// the next items of a list of citations: "articles 16 de la
			// Déclaration de 1789, 6, § 1er, de la Convention…", "article
			// 1384, alinéa 1, devenu 1242, alinéa 1, du code civil", the
			// Canadian "(1985), ch. 27 (1er suppl.), art. 126, ch. 30 (3e
			// suppl.), art. 2"
			n, ok := continuation(text, out[len(out)-1])
			if !ok {
				break
			}
			out = append(out, n)
			end = n.End
		}
	}
	for i := range out {
		possessiveInstr(text, &out[i])
	}
	out = addNames(text, out)
	for i := range out {
		c := &out[i]
		c.Text = text[c.Start:c.End]
		if c.Label == "" {
			c.Label = strings.Join(strings.Fields(c.Text), " ")
		}
	}
	return out
}

// rePossessive is an instrument named just before a possessive that
// introduces its articles: "the Convention in accordance with its
// Articles 30 or 32", "la Convention, conformément à ses articles 30".
var rePossessive = regexp.MustCompile(`(?:the|la|le)[\s\x{a0}]+(Convention|Treaty|Protocol|Charter|Traité|Protocole|Charte)\b[^.;:()\n]{0,60}[\s\x{a0}](?:its|ses|son)[\s\x{a0}]+$`)

// possessiveInstr gives an article citation without instrument the
// instrument named before its possessive: "Articles 30 or 32" in "the
// Convention in accordance with its Articles 30 or 32" are the
// Convention's, which the resolver reads as any unnamed "the Convention".
func possessiveInstr(text string, c *Citation) {
	if c.Kind != CiteArticle || c.ref == nil || c.ref.scope != scopeNone || len(c.ref.arts) == 0 {
		return
	}
	before := text[max(0, c.Start-120):c.Start]
	if m := rePossessive.FindStringSubmatch(before); m != nil {
		c.ref.scope, c.ref.instr = scopeGeneric, m[1]
	}
}

// protocolTitleAt: the name at text[i] ends the title of a protocol
// that supplements it ("Prot. facultatif du 25 mai 2000 se rapportant à
// la Conv. relative aux droits de l'enfant"), not a citation of its own.
func protocolTitleAt(text string, i int) bool {
	before := strings.ToLower(strings.TrimRight(text[max(0, i-100):i], " \u00a0"))
	for _, w := range []string{"se rapportant à la", "se rapportant à l'", "se rapportant à l’", "se rapportant au"} {
		if strings.HasSuffix(before, w) {
			return strings.Contains(before, "prot")
		}
	}
	return false
}

// triggerPrefixes are the lowercase starts of the words a citation can
// begin with. A scan for them (triggerAt) is much faster than one
// case-insensitive regexp over all the text.
var triggerPrefixes = []string{"art", "al.", "alin", "par", "sub", "sous-al", "point", "lettre", "let.", "lit.",
	"loi", "ordonnance", "décret", "decret", "arrêté", "arrete", "ecli:", "ecw/", "cass", "cour de cassation",
	"pourvoi", "premi", "1er", "1re", "deuxi", "second", "troisi", "quatri", "cinqui", "sixi", "septi", "huiti",
	"neuvi", "dixi", "derni", "deux ", "trois ", "quatre ", "avant-derni", "même", "meme", "l.r.", "l.c.", "§", "lf ", "rg ", "l du ", "l\u00a0du", "cpp du", "cp du", "cc du", "co du", "af du", "o du ", "o\u00a0du", "of du",
	// Dutch ordinals of a « lid »: « het eerste lid van dit artikel »
	"eerste ", "tweede ", "derde ", "vierde ", "vijfde ", "zesde ", "zevende ", "achtste ", "negende ", "tiende ", "laatste "}

// triggerAt reports whether a citation may start at text[i]: a trigger
// word, a numbered point "2°", a Canadian "2001, ch.", a Roman or letter
// part followed by "de"/"du"/"of".
func triggerAt(text string, i int) bool {
	b := text[i]
	if chapFragAt(text, i) || codeItemStart(text, i) {
		return true
	}
	switch {
	case b >= '0' && b <= '9':
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		if strings.HasPrefix(text[j:], "°") || strings.HasPrefix(text[j:], "er") || strings.HasPrefix(text[j:], "re") {
			return true
		}
		if j-i == 4 && strings.HasPrefix(text[j:], ",") && strings.HasPrefix(strings.TrimLeft(text[j+1:], " "), "ch.") {
			return true
		}
		return bareItemStart(text, i)
	case b == 'I' || b == 'V' || b == 'X':
		j := i
		for j < len(text) && (text[j] == 'I' || text[j] == 'V' || text[j] == 'X') {
			j++
		}
		return strings.HasPrefix(text[j:], " de") || strings.HasPrefix(text[j:], " du") || triggerWord(text, i)
	case b >= 'a' && b <= 'z' && i+1 < len(text) && text[i+1] == ')':
		return true
	case b == '(':
		// Canadian "(1985), ch. 27": a statute whose "L.R." is cut off
		return len(text) > i+7 && isDigit(text[i+1]) && isDigit(text[i+4]) && text[i+5] == ')' && text[i+6] == ','
	}
	return triggerWord(text, i)
}

func triggerWord(text string, i int) bool {
	switch text[i] | 0x20 {
	case 'a', 'p', 's', 'l', 'o', 'd', 'e', 'c', '1', 't', 'q', 'h', 'n', 'm', 'r', 'v', 'z', 0xe2, 0xe3: // § is c2, É c3
	default:
		return false
	}
	var buf [24]byte
	n := 0
	for j := i; j < len(text) && n < len(buf); j++ {
		c := text[j]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	w := string(buf[:n])
	if strings.HasPrefix(w, "\xc3\x89") { // É
		w = "é" + w[2:]
	}
	for _, p := range triggerPrefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// wordStart is a fast startOK: text[i] begins a word (or is "§").
func wordStart(text string, i int) bool {
	b := text[i]
	if b >= 0x80 && b != 0xc2 && b != 0xc3 { // only "§" (c2 a7) and "É" (c3 89) start a trigger
		return false
	}
	if i > 0 {
		p := text[i-1]
		if p < 0x80 {
			if p >= 'a' && p <= 'z' || p >= 'A' && p <= 'Z' || p >= '0' && p <= '9' || p == '.' || p == '/' || p == ':' {
				return false
			}
			return true
		}
		return startOK(text, i)
	}
	return true
}

// startOK: a citation starts at a word start (not inside "partie" or "1234°").
func startOK(text string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '/' && r != ':'
}

// The regexps below are anchored: each reads one element at a position.
const (
	// months in French, English and Dutch, in full or abbreviated as the
	// Swiss notes write them (« 3 oct. 1975 », « 1er janv. 2024 »)
	months   = `(?i:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre|january|february|march|april|may|june|july|august|september|october|november|december|januari|februari|maart|mei|juni|juli|augustus|oktober|(?:janv|f[ée]vr|avr|juil|sept|oct|nov|d[ée]c|jan|feb|apr|aug|sep|dec)\.)`
	dateRE   = `(?:1er|premier|\d{1,2})[\s\x{a0}\x{202f}]+` + months + `[\s\x{a0}\x{202f}]+\d{4}\b`
	ordinals = `(?:(?:deux|trois|quatre)[\s\x{a0}]+(?:premiers|premières|derniers|dernières)|premier|première|1er|1re|deuxième|second|seconde|troisième|quatrième|cinquième|sixième|septième|huitième|neuvième|dixième|dernier|dernière|avant-dernier|avant-dernière)`
	// a part: "2", "1er", "1 a)", "b) (i)", Canadian "(2.1)", "(1)a)(iii)", "d.4)"
	subParen  = `\((?:[a-z0-9]{1,4}|\d+\.\d+)\)`
	subLetter = `[a-z]{1,2}(?:\.\d+)?\)`
	subNum    = `(?:\d+(?:er|re|<sup>er</sup>)?(?:bis|ter|quater|quinquies|sexies)?(?:[\s\x{a0}\x{202f}.]?(?:` + subParen + `|` + subLetter + `))*|` + subLetter + `(?:[\s\x{a0}\x{202f}]?` + subParen + `)*|` + subParen + `(?:[\s\x{a0}\x{202f}]?` + subParen + `)*(?:` + subLetter + `(?:` + subParen + `)*)?|[a-z](?:bis|ter|quater)?(?:\.|\b)(?:[\s\x{a0}\x{202f}]?[ivx]{1,4}\))?|premier)`
	// Dutch ordinals of a « lid » (paragraph): « het eerste lid »
	nlOrdinals = `eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|elfde|twaalfde|dertiende|veertiende|vijftiende|zestiende|zeventiende|achttiende|negentiende|twintigste|laatste`
	// the last item of a list of parts after ", et": "al. 1, let. a, c
	// et d, et 2"; a small number or a letter only, since "al. 2, et 341"
	// goes on with the next article
	lastSubItem = `[\s\x{a0}\x{202f}]*,[\s\x{a0}\x{202f}]*(?:et|ou)[\s\x{a0}\x{202f}]+(?:\d{1,2}|[a-z])\b`
	listSep     = `(?:[\s\x{a0}\x{202f}]*,[\s\x{a0}\x{202f}]*|[\s\x{a0}\x{202f}]+(?:et|ou|à|and|or|to|en|tot)[\s\x{a0}\x{202f}]+)`
)

var (
	reECLI   = regexp.MustCompile(`^ECLI:[A-Z]{2}:[A-Z0-9]+:\d{4}:[A-Z0-9.]*[A-Z0-9]`)
	reECOWAS = regexp.MustCompile(`^ECW/CCJ/(?:JUD|APP|RUL|ADV|ORD)/\d+/\d+`)
	reCass   = regexp.MustCompile(`^(?i:Cass\.|Cour de cassation)(?:[\s\x{a0}\x{202f}]*,?[\s\x{a0}\x{202f}]*(?:(?:ch\.[\s\x{a0}\x{202f}]*)?(?i:crim|civ|com|soc|mixte|ass\.[\s\x{a0}\x{202f}]*pl[ée]n|pl[ée]n)\.?(?:[\s\x{a0}\x{202f}]*\d(?:re|e|ème)?\.?)?|\d(?:re|e|ème)[\s\x{a0}\x{202f}]+civ\.?))?(?:[\s\x{a0}\x{202f}]*,?[\s\x{a0}\x{202f}]*(` + dateRE + `))?(?:[\s\x{a0}\x{202f}]*,?[\s\x{a0}\x{202f}]*(?:pourvoi[\s\x{a0}\x{202f}]+)?(?:n[\s\x{a0}\x{202f}]?[°º]|no)[\s\x{a0}\x{202f}]*([A-Z]?[\s\x{a0}\x{202f}]?\d{2}-\d{2}\.\d{3}))?`)
	// the répertoire général number of a French court of appeal's or
	// tribunal's decision: "RG 15/01183", "RG n° 21/00412"
	reRG      = regexp.MustCompile(`^RG[\s\x{a0}\x{202f}]*(?:n[\s\x{a0}\x{202f}]?[°º][\s\x{a0}\x{202f}]*)?(\d{2}/\d{4,6})`)
	rePourvoi = regexp.MustCompile(`^(?i:pourvois?)[\s\x{a0}\x{202f}]+(?:n[\s\x{a0}\x{202f}]?[°º]|no|numéro)[\s\x{a0}\x{202f}]*([A-Z]?[\s\x{a0}\x{202f}]?\d{2}-\d{2}\.\d{3})`)

	reAct   = regexp.MustCompile(`^(?i:((?-i:LF|AF|OF|ACF)|loi(?:[\s\x{a0}\x{202f}]+(?:organique|fédérale))?|arr[êe]t[ée][\s\x{a0}\x{202f}]+fédéral|ordonnance|d[ée]cret(?:-loi)?|arr[êe]t[ée](?:[\s\x{a0}\x{202f}]+(?:interminist[ée]riel|minist[ée]riel))?|(?-i:L|O))(?:[\s\x{a0}\x{202f}]+(?:(?:n[\s\x{a0}\x{202f}]?[°º]|nº|no\.?|numéro)[\s\x{a0}\x{202f}]*(\d+(?:[\s\x{a0}\x{202f}]?[-–‑‐/.][\s\x{a0}\x{202f}]?[0-9A-Z]+)+|\d{2,})|(\d{2,4}[-–‑‐/]\d+(?:[-–‑‐/][0-9A-Z]+)*))\b)?(?:[\s\x{a0}\x{202f}]*,?[\s\x{a0}\x{202f}]+(?:du[\s\x{a0}\x{202f}]+)?(` + dateRE + `))?)`)
	reAnaph = regexp.MustCompile(`^[\s\x{a0}\x{202f}]*,?[\s\x{a0}\x{202f}]*(?i:ci-dessus|ci-dessous|ci-avant|ci-après|ci-contre|above|below|précitée?s?|susvisée?s?|susmentionnée?s?|susdite?s?)`)

	reArtKW   = regexp.MustCompile(`^(?:(?i:même|présent|this|dudit)[\s\x{a0}\x{202f}]+)?(?:[Aa]rticles?|ARTICLES?|[Aa]rts?\.|[Aa]rtt\.|[Aa]rtikel(?:en)?|[Aa]rticol[oi])`)
	reArtSep  = regexp.MustCompile(`^(?:[\s\x{a0}\x{202f}]*,[\s\x{a0}\x{202f}]*(?:(?:et|ou|and|or|of)[\s\x{a0}\x{202f}]+)?|[\s\x{a0}\x{202f}]+(?:et|ou|à|and|or|to|tot[\s\x{a0}\x{202f}]+en[\s\x{a0}\x{202f}]+met|en|tot|e)[\s\x{a0}\x{202f}]+(?:(?:l['’]|les[\s\x{a0}\x{202f}]+)?(?:[Aa]rticles?|[Aa]rt\.)[\s\x{a0}\x{202f}]+)?|[\s\x{a0}\x{202f}]+of[\s\x{a0}\x{202f}]+)`)
	reRangeW  = regexp.MustCompile(`^[\s\x{a0}\x{202f}]+(?:à|to|tot(?:[\s\x{a0}\x{202f}]+en[\s\x{a0}\x{202f}]+met)?)[\s\x{a0}\x{202f}]+`)
	reSubOrd  = regexp.MustCompile(`^(?i:` + ordinals + `(?:` + listSep + ordinals + `)*[\s\x{a0}\x{202f}]+(?:alinéas?|al\.|paragraphes?|phrases?)|(?:` + nlOrdinals + `)(?:` + listSep + `(?:` + nlOrdinals + `))*[\s\x{a0}\x{202f}]+(?:lid|leden))`)
	reSubKW   = regexp.MustCompile(`^(?:(?i:alinéas?|paragraphes?|points?|paragraphs?|subparagraphs?|sous-alinéas?|lettres?)[\s\x{a0}\x{202f}]+|(?i:al\.|par\.|let\.|lit\.|§\.?)[\s\x{a0}\x{202f}]*)` + subNum + `(?:` + listSep + subNum + `|` + lastSubItem + `)*`)
	reSubDeg  = regexp.MustCompile(`^\d+°\.?(?:` + listSep + `\d+°\.?)*`) // "2°. en 3°." in old Dutch
	reSubRom  = regexp.MustCompile(`^(?:I|II|III|IV|V|VI|VII|VIII|IX|X)\b`)
	reSubLet  = regexp.MustCompile(`^[a-z]\)`)
	reSubTail = regexp.MustCompile(`^(?:(?:[\s\x{a0}\x{202f}]*,[\s\x{a0}\x{202f}]*|[\s\x{a0}\x{202f}]+)(?:(?i:alinéas?|paragraphes?|points?|paragraphs?|subparagraphs?|lettres?)\b|(?i:al\.|par\.|§§?\.?|let\.))[\s\x{a0}\x{202f}]*` + subNum + `(?:` + listSep + subNum + `|` + lastSubItem + `)*|[\s\x{a0}\x{202f}]*§§?\.?[\s\x{a0}\x{202f}]*` + subNum + `|[\s\x{a0}\x{202f}]*,[\s\x{a0}\x{202f}]*\d+°(?:` + listSep + `\d+°)*|[\s\x{a0}\x{202f}]*,[\s\x{a0}\x{202f}]*(?:I|II|III|IV|V|VI|VII|VIII)(?:` + listSep + `(?:I|II|III|IV|V|VI|VII|VIII))*\b)`)
	reParens  = regexp.MustCompile(`^[\s\x{a0}\x{202f}]?\((?:\d{1,3}(?:\.\d)?|[a-z](?:\.\d)?|[ivx]{1,4}|[A-Z])\)`)

	reLink = regexp.MustCompile(`^[\s\x{a0}\x{202f}]*,?[\s\x{a0}\x{202f}]*(?i:du[\s\x{a0}\x{202f}]+la|du|de[\s\x{a0}\x{202f}]+l['’ʼ][\s\x{a0}\x{202f}]*|de[\s\x{a0}\x{202f}]+la|des|de|d['’ʼ]|of[\s\x{a0}\x{202f}]+the|of|à[\s\x{a0}\x{202f}]+l['’ʼ][\s\x{a0}\x{202f}]*|au|aux|à[\s\x{a0}\x{202f}]+la|van|dieses|di|del|della)[\s\x{a0}\x{202f}]*`)

	reSelf       = regexp.MustCompile(`^(?i:(?:présente?|presente?|del[\s\x{a0}\x{202f}]+presente|della[\s\x{a0}\x{202f}]+presente)[\s\x{a0}\x{202f}]+|(?:this|the[\s\x{a0}\x{202f}]+present)[\s\x{a0}\x{202f}]+|(?:dit|deze|dieses|dieser)[\s\x{a0}\x{202f}]+)(?i:(article|articolo|artikel|artikels|paragraphe|paragraph|subparagraph|alinéa|lid|absatzes|artikels)|(code|loi|ordonnance|décret|protocole|protocol|protocollo|protokolls|convention|convenzione|übereinkommens|verdrag|traité|treaty|charte|charter|accord|agreement|chapitre|chapter|titre|section|livre|acte|act|statut|règlement|texte))`)
	reSame       = regexp.MustCompile(`^(?i:même|meme|dudit|ledit|ladite|de[\s\x{a0}\x{202f}]+ladite|audit|ce|cet|cette)[\s\x{a0}\x{202f}]+(?i:(article)|(code|loi|ordonnance|décret|texte|protocole|convention|traité|charte|accord|chapitre|titre|section|livre))`)
	reAnaphInstr = regexp.MustCompile(`^(?i:(?:la[\s\x{a0}\x{202f}]+|le[\s\x{a0}\x{202f}]+)?(loi|ordonnance|décret|convention|code|protocole|traité|charte)[\s\x{a0}\x{202f}]+(?:précitée?|susvisée?|susmentionnée?|susdite?))`)
	reCodeGen    = regexp.MustCompile(`^(?i:code)[\s\x{a0}\x{202f}]+(?i:(de[\s\x{a0}\x{202f}]+procédure[\s\x{a0}\x{202f}]+pénale|des[\s\x{a0}\x{202f}]+procédures[\s\x{a0}\x{202f}]+civiles[\s\x{a0}\x{202f}]+d['’]exécution|des[\s\x{a0}\x{202f}]+obligations|de[\s\x{a0}\x{202f}]+l['’]expropriation|du[\s\x{a0}\x{202f}]+sport|du[\s\x{a0}\x{202f}]+patrimoine|de[\s\x{a0}\x{202f}]+l['’]énergie|de[\s\x{a0}\x{202f}]+la[\s\x{a0}\x{202f}]+commande[\s\x{a0}\x{202f}]+publique|des[\s\x{a0}\x{202f}]+relations[\s\x{a0}\x{202f}]+entre[\s\x{a0}\x{202f}]+le[\s\x{a0}\x{202f}]+public[\s\x{a0}\x{202f}]+et[\s\x{a0}\x{202f}]+l['’]administration|de[\s\x{a0}\x{202f}]+procédure[\s\x{a0}\x{202f}]+civile|de[\s\x{a0}\x{202f}]+la[\s\x{a0}\x{202f}]+consommation|rural|de[\s\x{a0}\x{202f}]+l['’]environnement|des[\s\x{a0}\x{202f}]+assurances|de[\s\x{a0}\x{202f}]+la[\s\x{a0}\x{202f}]+défense|de[\s\x{a0}\x{202f}]+l['’]éducation|des[\s\x{a0}\x{202f}]+collectivités[\s\x{a0}\x{202f}]+territoriales|de[\s\x{a0}\x{202f}]+justice[\s\x{a0}\x{202f}]+administrative|de[\s\x{a0}\x{202f}]+la[\s\x{a0}\x{202f}]+nationalité|des[\s\x{a0}\x{202f}]+obligations[\s\x{a0}\x{202f}]+civiles[\s\x{a0}\x{202f}]+et[\s\x{a0}\x{202f}]+commerciales|minier|forestier|des[\s\x{a0}\x{202f}]+transports|des[\s\x{a0}\x{202f}]+pensions[\s\x{a0}\x{202f}]+de[\s\x{a0}\x{202f}]+retraite[\s\x{a0}\x{202f}]+des[\s\x{a0}\x{202f}]+marins|des[\s\x{a0}\x{202f}]+pensions[\s\x{a0}\x{202f}]+civiles[\s\x{a0}\x{202f}]+et[\s\x{a0}\x{202f}]+militaires[\s\x{a0}\x{202f}]+de[\s\x{a0}\x{202f}]+retraite|de[\s\x{a0}\x{202f}]+l['’]urbanisme|de[\s\x{a0}\x{202f}]+la[\s\x{a0}\x{202f}]+construction[\s\x{a0}\x{202f}]+et[\s\x{a0}\x{202f}]+de[\s\x{a0}\x{202f}]+l['’]habitation|de[\s\x{a0}\x{202f}]+l['’]action[\s\x{a0}\x{202f}]+sociale[\s\x{a0}\x{202f}]+et[\s\x{a0}\x{202f}]+des[\s\x{a0}\x{202f}]+familles|général[\s\x{a0}\x{202f}]+des[\s\x{a0}\x{202f}]+collectivités[\s\x{a0}\x{202f}]+territoriales|de[\s\x{a0}\x{202f}]+la[\s\x{a0}\x{202f}]+propriété[\s\x{a0}\x{202f}]+intellectuelle|de[\s\x{a0}\x{202f}]+la[\s\x{a0}\x{202f}]+justice[\s\x{a0}\x{202f}]+pénale[\s\x{a0}\x{202f}]+des[\s\x{a0}\x{202f}]+mineurs|pénitentiaire|pénal|civil|du[\s\x{a0}\x{202f}]+travail|de[\s\x{a0}\x{202f}]+l['’]enfant|de[\s\x{a0}\x{202f}]+protection[\s\x{a0}\x{202f}]+de[\s\x{a0}\x{202f}]+l['’]enfant|criminel|de[\s\x{a0}\x{202f}]+commerce|des[\s\x{a0}\x{202f}]+douanes[\s\x{a0}\x{202f}]+communautaire|des[\s\x{a0}\x{202f}]+douanes|de[\s\x{a0}\x{202f}]+justice[\s\x{a0}\x{202f}]+militaire|de[\s\x{a0}\x{202f}]+l['’]entrée[\s\x{a0}\x{202f}]+et[\s\x{a0}\x{202f}]+du[\s\x{a0}\x{202f}]+séjour[\s\x{a0}\x{202f}]+des[\s\x{a0}\x{202f}]+étrangers[\s\x{a0}\x{202f}]+et[\s\x{a0}\x{202f}]+du[\s\x{a0}\x{202f}]+droit[\s\x{a0}\x{202f}]+d['’]asile|de[\s\x{a0}\x{202f}]+la[\s\x{a0}\x{202f}]+sécurité[\s\x{a0}\x{202f}]+sociale|monétaire[\s\x{a0}\x{202f}]+et[\s\x{a0}\x{202f}]+financier|de[\s\x{a0}\x{202f}]+l['’]organisation[\s\x{a0}\x{202f}]+judiciaire|général[\s\x{a0}\x{202f}]+des[\s\x{a0}\x{202f}]+impôts|de[\s\x{a0}\x{202f}]+la[\s\x{a0}\x{202f}]+route|de[\s\x{a0}\x{202f}]+la[\s\x{a0}\x{202f}]+santé[\s\x{a0}\x{202f}]+publique|électoral|des[\s\x{a0}\x{202f}]+personnes[\s\x{a0}\x{202f}]+et[\s\x{a0}\x{202f}]+de[\s\x{a0}\x{202f}]+la[\s\x{a0}\x{202f}]+famille|de[\s\x{a0}\x{202f}]+la[\s\x{a0}\x{202f}]+famille))`)
	reGenInstr   = regexp.MustCompile(`^(?:la[\s\x{a0}\x{202f}]+|le[\s\x{a0}\x{202f}]+|the[\s\x{a0}\x{202f}]+|het[\s\x{a0}\x{202f}]+)?(?:(premier|second|deuxième|1er|1[\s\x{a0}]e[\s\x{a0}]r)[\s\x{a0}\x{202f}]+)?(Livre[\s\x{a0}\x{202f}]+des[\s\x{a0}\x{202f}]+procédures[\s\x{a0}\x{202f}]+fiscales|traité|Convention|Protocole|Protocol|Charte|Charter|Traité|Treaty|Pacte|Covenant|Constitution|Statut|Accord|Agreement|Arrangement|Verdrag|convention|protocole|protocol|\*?Loi|\*?Law|Act)`)
	reStatute    = regexp.MustCompile(`^(?:L\.R\.(?:C\.)?[\s\x{a0}\x{202f}]*(?:\(\d{4}\)|\d{4})|L\.C\.[\s\x{a0}\x{202f}]*\d{4}|\(\d{4}\)|\d{4}),[\s\x{a0}\x{202f}]*ch\.[\s\x{a0}\x{202f}]*[0-9A-Z-]+(?:[\s\x{a0}\x{202f}]*\((?:\d+(?:\^?(?:er|e)\^?)?[\s\x{a0}\x{202f}]*suppl\.|[^)]{1,12})\))?,[\s\x{a0}\x{202f}]*`)
)

// match returns the end of re's match at text[i:], or -1.
func match(re *regexp.Regexp, text string, i int) int {
	m := re.FindStringIndex(text[i:])
	if m == nil {
		return -1
	}
	return i + m[1]
}

// matchSub is match for the parts of an article (reSubKW, reSubTail,
// reSubNL), which never end with a one-letter label followed by an
// apostrophe: that letter is an elided word ("al. 2 et 3, d’une
// publication", "à un point d’entrée"). The match is then read again
// without it, and fails when nothing is left.
func matchSub(re *regexp.Regexp, text string, i int) int {
	e := match(re, text, i)
	if e > i+1 && e < len(text) && isDigit(text[e-1]) && isLetterAt(text, e) {
		// "al. 1, 2e phrase": "2" is the start of an ordinal, not an item
		k := e
		for k > i && isDigit(text[k-1]) {
			k--
		}
		return match(re, text[:k], i)
	}
	if e <= i+1 || e >= len(text) || !elidedAt(text, e-1) && !(isASCIILetter(text[e-1]) && isLetterAt(text, e)) {
		return e
	}
	return match(re, text[:e-1], i)
}

// isASCIILetter: b is a-z or A-Z. A match that ends on such a letter
// with a letter after it ("al. 1, dès": Go's \b is ASCII, so "d" looked
// like a lettered point) ends inside a word.
func isASCIILetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

// elidedAt: text[k] is a lone ASCII letter followed by an apostrophe, the
// elided "d’", "l’", "qu’".
func elidedAt(text string, k int) bool {
	b := text[k] | 0x20
	if b < 'a' || b > 'z' || k > 0 && isLetterAt(text, k-1) {
		return false
	}
	if k > 0 {
		// not inside a word: "aujourd’hui"
		r, _ := utf8.DecodeLastRuneInString(text[:k])
		if unicode.IsLetter(r) {
			return false
		}
	}
	rest := text[k+1:]
	return strings.HasPrefix(rest, "’") || strings.HasPrefix(rest, "'") || strings.HasPrefix(rest, "ʼ")
}

// parseAt reads one citation starting at text[i].
func parseAt(text string, i int) (Citation, bool) {
	rest := text[i:]
	if m := reECLI.FindString(rest); m != "" {
		return Citation{Start: i, End: i + len(m), Kind: CiteECLI, ref: &citeRef{decision: m}}, true
	}
	if m := reECOWAS.FindString(rest); m != "" {
		return Citation{Start: i, End: i + len(m), Kind: CiteDecision, ref: &citeRef{decision: m}}, true
	}
	if m := reCass.FindStringSubmatchIndex(rest); m != nil && (m[2] >= 0 || m[4] >= 0) {
		r := &citeRef{}
		if m[4] >= 0 {
			r.decision = strings.ReplaceAll(rest[m[4]:m[5]], " ", "")
		}
		return Citation{Start: i, End: i + m[1], Kind: CiteDecision, ref: r}, true
	}
	if m := reRG.FindStringSubmatchIndex(rest); m != nil && wordEnd(text, i+m[1]) {
		return Citation{Start: i, End: i + m[1], Kind: CiteDecision, ref: &citeRef{decision: "RG " + rest[m[2]:m[3]]}}, true
	}
	if m := rePourvoi.FindStringSubmatchIndex(rest); m != nil {
		return Citation{Start: i, End: i + m[1], Kind: CiteDecision, ref: &citeRef{decision: strings.ReplaceAll(rest[m[2]:m[3]], " ", "")}}, true
	}
	if e := match(reStatute, text, i); e > 0 {
		r := &citeRef{scope: scopeStatute, instr: strings.TrimRight(text[i:e], ", ")}
		if ae := statuteElement(text, e, r); ae > 0 {
			return Citation{Start: i, End: ae, Kind: CiteArticle, ref: r}, true
		}
	}
	if chapFragAt(text, i) {
		if e := match(reChapFrag, text, i); e > 0 && strings.HasPrefix(text[e:], "art") {
			r := &citeRef{scope: scopeStatute, instr: strings.TrimRight(text[i:e], ", \u00a0")}
			if ae := parseArticles(text, e, r); ae > 0 {
				return Citation{Start: i, End: ae, Kind: CiteArticle, ref: r}, true
			}
		}
	}
	if m := reAbbrDated.FindStringSubmatchIndex(rest); m != nil {
		// "CPP du 5 oct. 2007": a Swiss code by its abbreviation and date
		abbr := rest[m[2]:m[3]]
		kind := CiteLoi
		if strings.HasPrefix(citeAbbrevs[abbr], "code") {
			kind = CiteCode
		}
		return Citation{Start: i, End: i + m[1], Kind: kind, ref: &citeRef{scope: scopeAbbr, instr: abbr, generic: citeAbbrevs[abbr]}}, true
	}
	if r, e := parseAct(text, i); e > 0 {
		if a := match(reAnaph, text, e); a > 0 && wordEnd(text, a) {
			e = a
		}
		return Citation{Start: i, End: e, Kind: actCiteKind(r.actKind), ref: r}, true
	}
	c, ok := parseChain(text, i)
	if !ok && (isDigit(text[i]) && bareItemStart(text, i) || codeItemStart(text, i)) {
		if b, bok := bareArticle(text, i); bok {
			return b, true
		}
	}
	return c, ok
}

// reStatutePart is a part of a section named in a Canadian chain instead
// of the section: "al. 36(7)b)" in "2013, ch. 16, al. 36(7)b)".
var reStatutePart = regexp.MustCompile(`^(?:al\.|par\.|sous-al\.)[\s\x{a0}]*(\d+(?:\.\d+)*)(?:\([0-9.]+\))*(?:[a-z](?:\.\d+)?\))?(?:\([ivx]+\))?`)

// statuteElement reads what a Canadian chain names after its chapter:
// "art. 31", or a part of a section "al. 36(7)b)"; it returns the end, or
// -1.
func statuteElement(text string, e int, r *citeRef) int {
	if ae := parseArticles(text, e, r); ae > 0 {
		return ae
	}
	if m := reStatutePart.FindStringSubmatchIndex(text[e:]); m != nil {
		r.arts, r.sub = []string{text[e+m[2] : e+m[3]]}, true
		return e + m[1]
	}
	return -1
}

// bareListStart: text[i] may be the next item of a list of articles whose
// beginning is not in text: the text starts there, or after the "et",
// "ou", "and", "or" or comma that start it ("et 593 du Code de procédure pénale", a
// fragment of a decision's "Vu les articles 591 et 593 du …").
func bareListStart(text string, i int) bool {
	before := strings.TrimSpace(text[:i]) // cheap: stops at the first letter from either end
	if len(before) > 3 {
		return false
	}
	switch strings.ToLower(before) {
	case "", ",", "et", "ou", "and", "or", "en", "of":
		return true
	}
	return false
}

// bareArticle reads an article number without its keyword that names its
// instrument: "593 du Code de procédure pénale". Only a code, an act or a
// catalog work makes it a citation: "12 de la Convention" could be
// anything.
func bareArticle(text string, i int) (Citation, bool) {
	c, ok := parseChainAt(text, i, true)
	if !ok || c.ref == nil || len(c.ref.arts) == 0 {
		return Citation{}, false
	}
	switch c.ref.scope {
	case scopeCode, scopeWork, scopeAct, scopeNamed:
		return c, true
	case scopeSame, scopeSelf:
		// "devenu 1240 de ce code": a renumbering names its article in
		// the same code; "12 de la présente Charte" opening a line cut
		// after "l'article"
		if afterDevenu(text, i) || bareListStart(text, i) {
			return c, true
		}
	case scopeNone:
		// "et 1382, devenu 1240, du code civil": named by its renumbering
		if renumberedNamed(text, c, func(r *citeRef) bool { return r.scope != scopeNone && r.scope != scopeSelfArt }) {
			return c, true
		}
	}
	return Citation{}, false
}

func actCiteKind(k string) string {
	switch k {
	case "ordonnance":
		return CiteOrdonnance
	case "decret", "arrete":
		return CiteDecret
	}
	return CiteLoi
}

// parseAct reads "loi n° 2012-023 du 12 juillet 2012"; it needs a number
// or a date.
func parseAct(text string, i int) (*citeRef, int) {
	m := reAct.FindStringSubmatchIndex(text[i:])
	if m == nil || (m[4] < 0 && m[6] < 0 && m[8] < 0) {
		return nil, -1
	}
	s := text[i:]
	if k := s[m[2]:m[3]]; (k == "L" || k == "O") && (m[8] < 0 || m[4] >= 0 || m[6] >= 0) {
		return nil, -1 // Swiss "L du 18 déc. 2020", "O du 7 oct. 2015" only, with their date
	}
	kw := Slug(strings.Fields(s[m[2]:m[3]])[0])
	switch {
	case kw == "lf" || kw == "l":
		kw = "loi"
	case kw == "af" || kw == "acf":
		kw = "arrete" // Swiss arrêté fédéral, arrêté du Conseil fédéral
	case kw == "of" || kw == "o":
		kw = "ordonnance" // Swiss ordonnance (fédérale)
	case strings.HasPrefix(kw, "decret"):
		kw = "decret"
	case strings.HasPrefix(kw, "arrete"):
		kw = "arrete"
	}
	r := &citeRef{scope: scopeAct, actKind: kw}
	switch {
	case m[4] >= 0:
		r.actNum = normalizeActNumber(s[m[4]:m[5]])
	case m[6] >= 0: // without "n°": "loi 2005-06", "décret 2011-036/P-RM"
		r.actNum = normalizeActNumber(s[m[6]:m[7]])
	}
	if m[8] >= 0 {
		r.actDate = isoDate(s[m[8]:m[9]])
	}
	r.instr = strings.Join(strings.Fields(s[m[0]:m[1]]), " ")
	return r, i + m[1]
}

// normalizeActNumber writes dash variants as "-" and drops inner spaces:
// "2012 – 023" → "2012-023".
func normalizeActNumber(n string) string {
	n = strings.NewReplacer("–", "-", "‑", "-", "‐", "-", " ", "").Replace(n)
	return n
}

// isoDate turns "12 juillet 2012" or "1er juillet 2012" into "2012-07-12".
func isoDate(s string) string {
	f := strings.Fields(strings.ToLower(s))
	if len(f) != 3 {
		return ""
	}
	day := f[0]
	if day == "1er" || day == "premier" {
		day = "1"
	}
	mon := 0
	for i, m := range frenchMonths {
		if Slug(m) == Slug(f[1]) {
			mon = i + 1
		}
	}
	for i, m := range []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"} {
		if m == f[1] {
			mon = i + 1
		}
	}
	for i, m := range []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"} {
		if m == f[1] {
			mon = i + 1
		}
	}
	if mon == 0 && strings.HasSuffix(f[1], ".") {
		// « janv. », « déc. », « Sept. »: the abbreviation starts one
		// month name only
		a := Slug(strings.TrimSuffix(f[1], "."))
		for i, m := range frenchMonths {
			if len(a) >= 3 && strings.HasPrefix(Slug(m), a) || a == "jan" && i == 0 || a == "feb" && i == 1 || a == "apr" && i == 3 || a == "aug" && i == 7 || a == "dec" && i == 11 || a == "sep" && i == 8 {
				mon = i + 1
				break
			}
		}
	}
	if mon == 0 || len(day) > 2 || len(f[2]) != 4 {
		return ""
	}
	if len(day) == 1 {
		day = "0" + day
	}
	return f[2] + "-" + string(rune('0'+mon/10)) + string(rune('0'+mon%10)) + "-" + day
}

// reCanSub is a Canadian reference to a part of a section, the section
// number glued to the part: "paragraphe 487.06(1)", "alinéa 279.01(1)a)",
// "alinéa 32d.4)", a range "alinéas 44(5)a) à e)" (heldout2.tsv's
// convention). A list is not read: "paragraphes 556(1) et (2)" is labelled
// "paragraphes 556(1)" in labelled.tsv; an alternative letter is: "alinéa
// 77b) ou f)" (heldout4.tsv).
var reCanSub = regexp.MustCompile(`^(?i:paragraphes?|alinéas?|sous-alinéas?|subsections?|paragraphs?|subparagraphs?)[\s\x{a0}]+(\d+(?:\.\d+)*)` + canPart + `(?:(?:[\s\x{a0}]+(?:à|to|ou|or|et|and)[\s\x{a0}]+|[\s\x{a0}]*,[\s\x{a0}]*)(?:\d+(?:\.\d+)*` + canPart + `|` + canPart + `|\([ivx]{1,5}\)|[a-z]{1,2}(?:\.\d+)?\)))*`)

// canPart is what follows a Canadian section number in a reference to one
// of its parts: "(1)", "(2.1)", "(5)a)", "(1)b.1)", "d.4)", "(1)a)(iii)",
// "(1)(a)(ii)".
const canPart = `(?:\(\d+(?:\.\d+)?\)(?:[a-z]{1,2}(?:\.\d+)?\)|\([a-z]{1,2}(?:\.\d+)?\))?|[a-z]{1,2}(?:\.\d+)?\))(?:\([ivx]{1,5}\))*`

// parseChain reads a chain of elements joined by "de l'", "du", "of":
// parts below the article (alinéa, paragraphe, 2°, I, a)), the article
// reference, and the instrument ("du présent Protocole", "du code pénal").
// It needs an article, or a part of "the present article".
func parseChain(text string, i int) (Citation, bool) { return parseChainAt(text, i, false) }

// parseChainAt is parseChain; bare: the chain starts at an article number
// without its keyword, an item of a list of citations ("6, § 1er, de la
// Convention" after "articles 16 de la Déclaration de 1789, ").
func parseChainAt(text string, i int, bare bool) (Citation, bool) {
	if m := reCanSub.FindStringSubmatchIndex(text[i:]); m != nil && !bare {
		r := &citeRef{arts: []string{text[i+m[2] : i+m[3]]}, sub: true}
		end := i + m[1]
		// "paragraphes 20(1), 20.1(1) ou 22(1)": each section of the list
		for _, n := range reCanSection.FindAllStringSubmatch(text[i+m[3]:end], -1) {
			if !slices.Contains(r.arts, n[1]) {
				r.arts = append(r.arts, n[1])
			}
		}
		r.rng = len(r.arts) == 2 && reCanRange.MatchString(text[i+m[3]:end])
		// "paragraphe 64(2) de la Loi", "alinéa 145(1)b.1) de la présente loi"
		if l := match(reLink, text, end); l > 0 {
			if e, ok := parseInstr(text, l, r); ok {
				end = e
			}
		}
		kind := CiteArticle
		if r.scope == scopeSelf || r.scope == scopeSame {
			kind = CiteRenvoi
		}
		return Citation{Start: i, End: end, Kind: kind, ref: r}, true
	}
	r := &citeRef{}
	pos := i
	hasArt, hasSub, prefixOnly := false, false, false
	kwSub, degSub := false, false // a part named by a keyword (alinéa 2), by a degree (2°)
	end := -1
	first := true
	for {
		start := pos
		if !first {
			if hasArt {
				if e, ok := parseAbbr(text, pos, r); ok {
					end = e
					break
				}
			}
			l := match(reLink, text, pos)
			if l < 0 && hasArt {
				// "de l'article 7 présent Traité": the "du" left out
				if match(rePresentNoLink, text, pos) > 0 {
					l = pos + len(text[pos:]) - len(strings.TrimLeft(text[pos:], " \t\n\u00a0\u202f"))
				}
			}
			if l < 0 {
				break
			}
			start = l
		}
		// an element
		var e int
		if bare && first {
			e = parseArticleList(text, start, r)
		} else {
			e = parseArticles(text, start, r)
		}
		if e > 0 {
			if hasArt {
				// "article 3 de l'article 5": keep the first
				break
			}
			hasArt, pos, end = true, e, e
			if t := subTail(text, pos, r, lastArt(r)); t > 0 {
				r.sub, pos, end = true, t, t
			}
			first = false
			continue
		}
		if hasSub && !hasArt {
			// "alinéa 3 du préambule de la Constitution": the preamble
			// stands for the article, when an instrument follows
			if pe := match(rePreamble, text, start); pe > 0 && wordEnd(text, pe) {
				if l := match(reLink, text, pe); l > 0 {
					if e, ok := parseInstr(text, l, r); ok {
						hasArt, end = true, e
						break
					}
				}
			}
		}
		if hasArt || hasSub {
			if e, ok := parseInstr(text, start, r); ok {
				end = e
				if r.scope == scopeSelfArt && !hasArt {
					hasSub = true
				}
				break
			}
		}
		if hasArt {
			break
		}
		// parts below the article, before it
		if bare {
			break
		}
		e = -1
		prefixOnly = false
		for _, re := range []*regexp.Regexp{reSubOrd, reSubKW} {
			if e = matchSub(re, text, start); e > 0 {
				kwSub = true
				break
			}
		}
		if e < 0 {
			for _, re := range []*regexp.Regexp{reSubDeg, reSubRom, reSubLet} {
				if e = match(re, text, start); e > 0 {
					if re == reSubDeg && text[e-1] == '.' && !lowerNext(text, e) {
						e-- // the end of the sentence, not of "3°."
					}
					prefixOnly = true
					degSub = degSub || re == reSubDeg
					break
				}
			}
		}
		if e < 0 {
			break
		}
		hasSub, r.sub, pos = true, true, e
		if kwSub {
			// "Les al. 1, let. a, c et d, et 2": the parts named after
			if t := subTail(text, pos, r, ""); t > 0 {
				pos = t
			}
		}
		first = false
		if !prefixOnly {
			// "alinéa 2" alone is not a citation; keep going
		}
	}
	if end < 0 && hasSub && kwSub && strings.TrimSpace(text[:i]) == "" && match(reListGoesOn, text, pos) > 0 {
		// "dernier alinéa, 648 et suivants du code…" opening a
		// search-result extract: the end of an article cited before the
		// extract begins, not a part of the citing text
		return Citation{End: pos}, false
	}
	if end < 0 && hasSub && (kwSub || degSub && afterPreposition(text, i)) {
		// "alinéa 2", "par. 1", "Les al. 1 et 2", "aux 1° et 2°": a part of
		// the citing article itself
		end, r.scope, r.instr = pos, scopeSelfArt, ""
	}
	if end < 0 {
		return Citation{End: pos}, false
	}
	if !hasArt && r.scope != scopeSelfArt {
		return Citation{End: pos}, false
	}
	if a := match(reAnaph, text, end); a > 0 && wordEnd(text, a) {
		end = a
		if r.scope == scopeNone {
			r.scope = scopeSame
		}
	}
	if text[end-1] == ')' && !strings.Contains(text[i:end], "(") && openParenBefore(text, i) {
		// "(art. 126, al. 2, let. b, bbis et c)": the parenthesis closes
		// the one opened before the citation, not a letter "c)"
		end--
	}
	kind := CiteArticle
	switch r.scope {
	case scopeSelf, scopeSelfArt, scopeSame:
		kind = CiteRenvoi
	}
	return Citation{Start: i, End: end, Kind: kind, ref: r}, true
}

// reListGoesOn is the next item of a list of article numbers: ", 648".
var reListGoesOn = regexp.MustCompile(`^[\s\x{a0}]*,[\s\x{a0}]*\d`)

// wordEnd: text[i] does not continue a word.
func wordEnd(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// lowerNext: a lowercase letter follows text[i] after spaces.
func lowerNext(text string, i int) bool {
	for i < len(text) && text[i] == ' ' {
		i++
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLower(r)
}

// afterPreposition: text[:i] ends with "au ", "aux ", "du ", "des ", "le ",
// "les ", as in "prévues aux 1° et 2°".
func afterPreposition(text string, i int) bool {
	before := strings.ToLower(text[max(0, i-8):i])
	for _, p := range []string{" au ", " aux ", " du ", " des ", " le ", " les ", " onder ", " bij ", " van "} {
		if strings.HasSuffix(" "+before, p) {
			return true
		}
	}
	return false
}

// rePreamble is a preamble named as the article a part belongs to.
var rePreamble = regexp.MustCompile(`^(?i:préambule|preambule|preamble)`)

// reSubCh is a Swiss "chiffre" after an article or its alinéa: "art. 91,
// al. 1, ch. 1"; reSubNL a Dutch part: "artikel 30, tweede lid, onderdeel
// c", "artikel 5 lid 2, sub a".
var (
	reSubCh = regexp.MustCompile(`^(?:[\s\x{a0}\x{202f}]*,[\s\x{a0}\x{202f}]*|[\s\x{a0}\x{202f}]+)ch\.[\s\x{a0}\x{202f}]*\d+(?:bis|ter|quater|[a-z])?\b`)
	reSubNL = regexp.MustCompile(`^(?:[\s\x{a0}\x{202f}]*,[\s\x{a0}\x{202f}]*|[\s\x{a0}\x{202f}]+)(?i:(?:eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|elfde|twaalfde|dertiende|veertiende|vijftiende|zestiende|zeventiende|achttiende|negentiende|twintigste|laatste)(?:(?:[\s\x{a0}\x{202f}]*,[\s\x{a0}\x{202f}]*|[\s\x{a0}\x{202f}]+(?:en|of)[\s\x{a0}\x{202f}]+)(?:eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|elfde|twaalfde|dertiende|veertiende|vijftiende|zestiende|zeventiende|achttiende|negentiende|twintigste|laatste))*[\s\x{a0}\x{202f}]+(?:lid|leden)|leden[\s\x{a0}\x{202f}]+\d+` + `(?:` + listSep + `\d+)*|lid[\s\x{a0}\x{202f}]+\d+|onderdeel[\s\x{a0}\x{202f}]+[a-z0-9]{1,3}\b(?:(?:[\s\x{a0}\x{202f}]*,[\s\x{a0}\x{202f}]*(?:of[\s\x{a0}\x{202f}]+)?|[\s\x{a0}\x{202f}]+of[\s\x{a0}\x{202f}]+)(?:onderdeel[\s\x{a0}\x{202f}]+)?(?:[ivx]{1,4}|[a-z])\b)*|sub[\s\x{a0}\x{202f}]+[a-z0-9]{1,3}\b|onder[\s\x{a0}\x{202f}]+[a-z]\b|punt[\s\x{a0}\x{202f}]+\d+)`)
	// after a chiffre, a Canadian statute goes on: "ch. 27 (1er suppl.)",
	// "ch. 40, art. 14"
	reStatuteAfter = regexp.MustCompile(`^[\s\x{a0}\x{202f}]*(?:\(|,[\s\x{a0}\x{202f}]*art\.)`)
)

// subTail reads the parts named after the article number art ("art. 19,
// al. 2", "art. 91, al. 1, ch. 1", "artikel 30, tweede lid, onderdeel c");
// it returns their end, or -1.
func subTail(text string, i int, r *citeRef, art string) int {
	end := -1
	for {
		e := matchSub(reSubTail, text, i)
		if e < 0 {
			e = matchSub(reSubNL, text, i)
		}
		if e < 0 && r.scope != scopeStatute {
			if c := match(reSubCh, text, i); c > 0 && match(reStatuteAfter, text, c) < 0 {
				e = chiffreList(text, c, art)
			}
		}
		if e < 0 {
			// "articles 3, 4 (paragraphe 1) et 7"
			e = matchSub(reSubParenKW, text, i)
		}
		if e < 0 {
			// "5, 1, f) de la Convention": paragraph 1, letter f
			if b := match(reSubBarePara, text, i); b > 0 && match(reLink, text, b) > 0 {
				e = b
			}
		}
		if e < 0 {
			// "l'article 6 § de la Convention": a paragraph sign whose
			// number the source left out
			if l := match(reLoneSection, text, i); l > 0 && match(reLink, text, l) > 0 {
				e = l
			}
		}
		if e < 0 {
			// "art. 59, al. 1, 1er paragraphe", "article 3, deuxième alinéa"
			if o := match(reSubTailOrd, text, i); o > 0 && wordEnd(text, o) {
				e = o
			}
		}
		if e < 0 {
			// "articles 5 1.c de la Convention": a paragraph and its
			// letter without "§", before the instrument
			if d := match(reSubDotLetter, text, i); d > 0 && match(reLink, text, d) > 0 {
				e = d
			}
		}
		if e < 0 {
			return end
		}
		// "al. 1, 1er paragraphe": the last item was an ordinal of a part
		if k := match(reOrdKWAfter, text, e); k > 0 && wordEnd(text, k) && reEndsOrdinal.MatchString(text[max(0, e-6):e]) {
			e = k
		}
		end, i = e, e
	}
}

var (
	// reOrdKWAfter is the part keyword after an ordinal: " paragraphe".
	reOrdKWAfter = regexp.MustCompile(`^[\s\x{a0}\x{202f}]+(?i:alinéas?|paragraphes?|phrases?)`)
	// reEndsOrdinal: a text ends with an ordinal number, "1er", "2e".
	reEndsOrdinal = regexp.MustCompile(`(?:^|[^\pL\d])\d+(?:er|re|e|ème)$`)
)

var (
	// reCanSection is a further section number in a Canadian list of
	// subsections, before its parenthesis: " ou 273.1(2)".
	reCanSection = regexp.MustCompile(`(?:^|[\s\x{a0},])(\d+(?:\.\d+)*)\(`)
	// reCanRange: the list is a range, "486.4(1) à 486.6(3)".
	reCanRange = regexp.MustCompile(`^[^,]*?[\s\x{a0}](?:à|to)[\s\x{a0}]+\d`)
)

// reSubBarePara is a paragraph and its letter after an article number,
// without keyword, commas between: ", 1, f)".
var reSubBarePara = regexp.MustCompile(`^[\s\x{a0}\x{202f}]*,[\s\x{a0}\x{202f}]*\d{1,2}[\s\x{a0}\x{202f}]*,[\s\x{a0}\x{202f}]*[a-z]\)`)

// reLoneSection is a paragraph sign without its number: " §".
var reLoneSection = regexp.MustCompile(`^[\s\x{a0}\x{202f}]*§`)

// reSubTailOrd is a part named by its ordinal after an article number:
// ", 1er paragraphe", ", deuxième alinéa", " 2e phrase".
var reSubTailOrd = regexp.MustCompile(`^(?:[\s\x{a0}\x{202f}]*,[\s\x{a0}\x{202f}]*|[\s\x{a0}\x{202f}]+)(?i:` + ordinals + `|\d+(?:e|ème|re))[\s\x{a0}\x{202f}]+(?i:alinéas?|paragraphes?|phrases?)`)

// reSubParenKW is a part named in parentheses after an article number:
// " (paragraphe 1)" in "articles 3, 4 (paragraphe 1) et 7".
var reSubParenKW = regexp.MustCompile(`^[\s\x{a0}\x{202f}]?\((?i:alinéas?|paragraphes?|paragraphs?|al\.|par\.|§)[\s\x{a0}\x{202f}]*` + subNum + `(?:` + listSep + subNum + `)*\)`)

// reSubDotLetter is a paragraph and its letter after an article number,
// without keyword: " 1.c" in "articles 5 1.c de la Convention".
var reSubDotLetter = regexp.MustCompile(`^[\s\x{a0}\x{202f}]+\d{1,2}\.[a-z]\b`)

// reChItem is a further item of a list of chiffres: "ch. 1 et 1bis",
// "ch. 1, 5 et 6", "ch. 2 à 4".
var reChItem = regexp.MustCompile(`^(?:[\s\x{a0}\x{202f}]*,[\s\x{a0}\x{202f}]*|[\s\x{a0}\x{202f}]+(?:et|ou|à)[\s\x{a0}\x{202f}]+)(\d{1,2})(?:bis|ter|quater|[a-z])?\b`)

// chiffreList extends a Swiss "ch. N" ending at text[i] over the next
// items of its list. An item is a chiffre when its number is below the
// article's, an article otherwise: the Swiss lists go up ("art. 735c,
// ch. 1, 5 et 6": chiffres; "art. 91, al. 1, ch. 1, 163, al. 2": 163 is
// the next article).
func chiffreList(text string, i int, art string) int {
	a := leadingInt(art)
	for {
		m := reChItem.FindStringSubmatchIndex(text[i:])
		if m == nil || a < 0 || leadingInt(text[i+m[2]:i+m[3]]) >= a {
			return i
		}
		i += m[1]
	}
}

// leadingInt is the number s starts with, or -1.
func leadingInt(s string) int {
	n, k := 0, 0
	for k < len(s) && isDigit(s[k]) && k < 9 {
		n = n*10 + int(s[k]-'0')
		k++
	}
	if k == 0 {
		return -1
	}
	return n
}

// lastArt is the last article number r read, or "".
func lastArt(r *citeRef) string {
	if len(r.arts) == 0 {
		return ""
	}
	return r.arts[len(r.arts)-1]
}

// parseArticles reads "article 3", "articles 3 à 7", "art. 3 et 4",
// "articles L. 621-2, L. 623-1 et L. 623-3", "Article 3 (1) (a)". It
// returns the end, or -1.
func parseArticles(text string, i int, r *citeRef) int {
	if i < len(text) && i > 0 {
		if !startOK(text, i) && !gluedArticle(text, i) {
			return -1
		}
	}
	kw := match(reArtKW, text, i)
	if kw < 0 {
		return -1
	}
	// Canadian statute prefix before "art." is handled by the caller
	// (parseStatute); here the keyword must be followed by a number.
	p := kw
	for p < len(text) {
		if text[p] == ' ' {
			p++
		} else if strings.HasPrefix(text[p:], "\u00a0") {
			p += len("\u00a0")
		} else if strings.HasPrefix(text[p:], "\u202f") {
			p += len("\u202f")
		} else {
			break
		}
	}
	if p == kw && !strings.HasSuffix(text[i:kw], ".") {
		// "article3" alone is not a reference; "art.3" is, and so is
		// "article38 du présent code", whose instrument follows
		e := parseArticleList(text, p, r)
		if e < 0 || match(reLink, text, e) < 0 {
			return -1
		}
		return e
	}
	return parseArticleList(text, p, r)
}

// parseArticleList reads the article numbers at text[p] ("3", "3 à 7",
// "964a, 964b et 964l", "19, al. 2, ou 20"); it returns the end, or -1.
func parseArticleList(text string, p int, r *citeRef) int {
	n, e := articleNumber(text, p)
	if e < 0 {
		return -1
	}
	e = followingTail(text, e)
	arts := []string{n}
	rng := false
	for {
		// an item may name its part before the next item: "art. 19,
		// al. 2, ou 20, al. 2"
		sub := subTail(text, e, r, arts[len(arts)-1])
		from := e
		if sub > 0 {
			from = sub
		}
		s := match(reArtSep, text, from)
		if s < 0 {
			break
		}
		n2, e2 := articleNumber(text, s)
		if e2 < 0 {
			break
		}
		if sub > 0 {
			r.sub = true
		}
		if len(arts) == 1 && match(reRangeW, text, from) > 0 {
			rng = true
		}
		arts = append(arts, n2)
		e = followingTail(text, e2)
	}
	r.arts, r.rng = arts, rng && len(arts) == 2
	for {
		pe := match(reParens, text, e)
		if pe < 0 {
			break
		}
		r.sub = true
		e = pe
	}
	return e
}

// reFollowing is "and the following articles" after an article number:
// "706-73 et suivants", "225-4-1 et s.", "et suiv.", "et seq.", "ff.".
var reFollowing = regexp.MustCompile(`^(?:[\s\x{a0}\x{202f}]+(?:et|and)[\s\x{a0}\x{202f}]+(?:suivants|suivantes|suiv\.|s\.|seq\.|sqq\.|following)|[\s\x{a0}\x{202f}]+ff?\.)`)

// followingTail extends an article number ending at e over "et suivants";
// the range stays open, the citation names its first article.
func followingTail(text string, e int) int {
	if f := match(reFollowing, text, e); f > 0 && (text[f-1] == '.' || wordEnd(text, f)) {
		return f
	}
	return e
}

// articleNumber reads an article number at text[i]: "225-4-1", "L. 622-4",
// "224-1 A", "3 bis", "279.01", "premier", "1er". It returns the
// normalised number ("L622-4", "224-1 A", "3 bis", "1") and the end.
func articleNumber(text string, i int) (string, int) {
	s := text[i:]
	if len(s) >= 7 && strings.EqualFold(s[:7], "premier") && wordBoundary(text, i, i+7) {
		return "1", i + 7
	}
	// "article préliminaire" of the French code of criminal procedure
	if strings.HasPrefix(s, "préliminaire") && wordBoundary(text, i, i+len("préliminaire")) {
		return "préliminaire", i + len("préliminaire")
	}
	p := 0
	prefix := ""
	// L., R., D., LO prefixes of French codes; "A." with its dot
	if len(s) > 1 && (strings.ContainsRune("LRD", rune(s[0])) || s[0] == 'A' && s[1] == '.') {
		q := 1
		if len(s) > 2 && s[0] == 'L' && s[1] == 'O' {
			q = 2
		}
		if q < len(s) && s[q] == '.' {
			q++
		}
		if q < len(s) && s[q] == ' ' {
			q++
		}
		if q < len(s) && isDigit(s[q]) {
			prefix, p = s[:1], q
			if q >= 2 && s[1] == 'O' {
				prefix = "LO"
			}
		}
	}
	if p >= len(s) || !isDigit(s[p]) {
		return "", -1
	}
	start := p
	for p < len(s) && isDigit(s[p]) {
		p++
	}
	hyphen := false
	for p < len(s) {
		if d := dashLen(s[p:]); d > 0 && p+d < len(s) && isDigit(s[p+d]) {
			p += d
			hyphen = true
		} else if s[p] == '.' && p+1 < len(s) && isDigit(s[p+1]) && !gluedAlineaAt(s, p+1) {
			p++
		} else {
			break
		}
		for p < len(s) && isDigit(s[p]) {
			p++
		}
	}
	num := normalizeActNumber(s[start:p])
	// "1er", "1re"
	if strings.HasPrefix(s[p:], "<sup>er</sup>") {
		p += len("<sup>er</sup>")
	} else if strings.HasPrefix(s[p:], "er") || strings.HasPrefix(s[p:], "re") {
		if p+2 >= len(s) || !isLetterAt(s, p+2) {
			p += 2
		}
	}
	// "305bis" glued
	if m := reLatinGlued.FindStringIndex(s[p:]); m != nil {
		num += " " + s[p:p+m[1]]
		p += m[1]
	}
	if p < len(s) && s[p] >= 'a' && s[p] <= 'z' && (p+1 == len(s) || !isLetterAt(s, p+1) && (s[p+1] != ')' || openParenBefore(text, i))) {
		num += s[p : p+1] // Swiss "64a"
		p++
	}
	if p < len(s) && isLetterAt(s, p) {
		return "", -1 // "3ab" glued: not an article number
	}
	if strings.HasPrefix(s[p:], "°") {
		return "", -1 // "1°" is a point, not an article
	}
	// "224-1 A", "L. 80 M"
	if (hyphen || prefix != "") && p+1 < len(s) && s[p] == ' ' && (s[p+1] >= 'A' && s[p+1] <= 'C' || prefix != "" && s[p+1] >= 'A' && s[p+1] <= 'Z') && wordBoundary(s, p+1, p+2) && (p+2 >= len(s) || s[p+2] != '\'' && !strings.HasPrefix(s[p+2:], "’")) {
		num += " " + s[p+1:p+2]
		p += 2
	}
	// bis, ter…
	if m := reLatin.FindStringIndex(s[p:]); m != nil {
		num += " " + strings.ToLower(strings.TrimSpace(s[p+m[0]:p+m[1]]))
		p += m[1]
	}
	// "art. 55 ancien", the former version; not "article 1242 ancien 1384"
	if m := reAncien.FindStringIndex(s[p:]); m != nil && match(reDigitNext, s, p+m[1]) < 0 {
		num += " ancien"
		p += m[1]
	}
	return prefix + num, i + p
}

// gluedAlineaAt: s[k:] is the number of the next alinéa glued after a
// full stop, as Fedlex conversions write it: "art. 97 et 98.3\u00a0Les al.
// 1…" (digits, a no-break space, a capital), not a decimal "279.01".
func gluedAlineaAt(s string, k int) bool {
	for k < len(s) && isDigit(s[k]) {
		k++
	}
	rest, ok := strings.CutPrefix(s[k:], "\u00a0")
	if !ok {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r)
}

// openParenBefore: text[:i] ends in a parenthesis opened just before
// ("(art. 48a)"), so a ")" after a number's letter closes it and is not
// the Canadian "77b)".
func openParenBefore(text string, i int) bool {
	o := strings.LastIndexByte(text[:i], '(')
	return o >= 0 && i-o <= 40 && strings.LastIndexByte(text[:i], ')') < o
}

// reAdditional is what joins a protocol to the treaty it supplements:
// "Protocole additionnel n° 1 à la", "Protocol No. 16 to the",
// "protocole additionnel n°4 de la".
var reAdditional = regexp.MustCompile(`^(?:[\s\x{a0}]+(?:additionnel|additional|facultatif|optional))?(?:[\s\x{a0}]+(?:n[\s\x{a0}]?[°º]|nº|[Nn]o\.?)[\s\x{a0}]*\d+)?[\s\x{a0}]+(?:à|to|de|of)[\s\x{a0}]+(?:la[\s\x{a0}]+|the[\s\x{a0}]+)?`)

var (
	reAncien    = regexp.MustCompile(`^[\s\x{a0}\x{202f}](?:ancien|ancienne|former|oud)\b`)
	reDigitNext = regexp.MustCompile(`^[\s\x{a0}\x{202f}]*\d`)
)

var reLatinGlued = regexp.MustCompile(`^(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|novies|decies|undecies|duodecies)\b`)

var reLatin = regexp.MustCompile(`^[\s\x{a0}\x{202f}](?i:bis|ter|quater|quinquies|sexies|septies|octies|nonies|novies|decies|undecies|duodecies|nouveau)\b`)

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// dashLen returns the byte length of a dash at the start of s (-, –, ‑, ‐).
func dashLen(s string) int {
	for _, d := range []string{"-", "–", "‑", "‐"} {
		if strings.HasPrefix(s, d) {
			return len(d)
		}
	}
	return 0
}

// parseInstr reads the instrument an article reference belongs to.
func parseInstr(text string, i int, r *citeRef) (int, bool) {
	s := text[i:]
	if m := wordMatch(reSelf, s); m != nil {
		r.instr = s[m[0]:m[1]]
		if m[2] >= 0 {
			r.scope = scopeSelfArt
		} else {
			r.scope = scopeSelf
		}
		return i + m[1], true
	}
	if m := wordMatch(reSame, s); m != nil {
		r.instr = s[m[0]:m[1]]
		r.scope = scopeSame
		if m[2] >= 0 {
			r.scope = scopeSelfArt
		}
		return i + m[1], true
	}
	if m := reAnaphInstr.FindStringIndex(s); m != nil {
		r.instr = s[m[0]:m[1]]
		r.scope = scopeSame
		return i + m[1], true
	}
	if a, e := parseAct(text, i); e > 0 {
		r.scope, r.actKind, r.actNum, r.actDate, r.instr = scopeAct, a.actKind, a.actNum, a.actDate, a.instr
		return e, true
	}
	if m := reFormerLaw.FindStringIndex(s); m != nil {
		// "art. 42 ou 43, ch. 1, al. 2, de l’ancien droit": the former
		// version of the law at hand, not a text of the base
		r.scope, r.instr = scopeNamed, s[m[0]:m[1]]
		return i + m[1], true
	}
	if e, ok := euAct(text, i, r); ok {
		return e, true
	}
	if m := DefaultCatalog().nameAt(s); m > 0 {
		r.instr = s[:m]
		r.scope = scopeWork
		r.work = DefaultCatalog().Named(r.instr).WorkID
		return i + m, true
	}
	if m := wordMatch(reCodeGen, s); m != nil {
		r.instr = s[m[0]:m[1]]
		r.scope = scopeCode
		r.generic = "code " + strings.Join(strings.Fields(strings.ReplaceAll(strings.ToLower(s[m[2]:m[3]]), "’", "'")), " ")
		return i + m[1], true
	}
	if m := reDutchPre.FindStringIndex(s); m != nil {
		// "van de te Parijs op 18 Mei 1904 gesloten Regeling"
		r.instr = strings.Join(strings.Fields(s[:m[1]]), " ")
		r.scope = scopeNamed
		return i + m[1], true
	}
	if m := wordMatch(reGenInstr, s); m != nil {
		if n := DefaultCatalog().nameAt(s[m[4]:]); n > 0 && m[2] < 0 {
			// "van het Verdrag tot bescherming van de rechten van de
			// mens en de fundamentele vrijheden": a catalog name after
			// its article
			name := s[m[4] : m[4]+n]
			r.instr, r.scope = name, scopeWork
			r.work = DefaultCatalog().Named(name).WorkID
			return i + m[4] + n, true
		}
		ordinal := m[2] >= 0 // "premier protocole", "1er protocole"
		m = []int{m[0], m[1], m[4], m[5]}
		r.instr = s[m[2]:m[3]]
		r.scope = scopeGeneric
		e := i + m[1]
		r.titled = match(reTitleGoesOn, text, e) > 0
		if r.titled && !loiHead(r.instr) && match(reParticiple, text, e) > 0 {
			// "l'article 1 du Traité définissant le Fonds…": after a
			// treaty's head a participle tells what the article does;
			// a title it begins is read by namedRef below
			r.titled = false
		}
		if strings.HasPrefix(r.instr, "*") {
			// "de la *Loi sur la défense nationale*": the italics close
			// the title
			if k := strings.IndexByte(s[m[2]+1:], '*'); k > len(r.instr) && k < 200 && !strings.ContainsAny(s[m[2]+1:m[2]+1+k], "\n;") {
				name := s[m[2]+1 : m[2]+1+k]
				r.scope, r.instr, r.work, r.titled = scopeNamed, strings.TrimRight(name, " ,"), "", false
				if in := DefaultCatalog().lookupNamed(r.instr, false); in != nil {
					r.scope, r.work = scopeWork, in.WorkID
				}
				end := i + m[2] + 1 + k + 1
				if c := match(reCanChapter, text, end); c > 0 {
					// "…*, chapitre 125 des Statuts du Canada de 1980-81-82-83"
					r.scope, r.work = scopeNamed, ""
					end = c
				}
				return end, true
			}
		}
		// "premier protocole additionnel à la Convention de sauvegarde…"
		if a := match(reAdditional, text, e); a > 0 {
			if n := DefaultCatalog().nameAt(text[a:]); n > 0 {
				if ordinal || strings.ContainsAny(text[e:a], "0123456789") {
					// "Protocole additionnel n° 1 à la Convention de
					// sauvegarde…", "1er protocole additionnel à la
					// Convention…": named by its number and its treaty
					name := strings.TrimSpace(text[i : a+n])
					r.scope, r.instr, r.work = scopeNamed, name, ""
					if in := DefaultCatalog().lookupNamed(name, false); in != nil {
						r.scope, r.work = scopeWork, in.WorkID
					}
				}
				return a + n, true
			}
		}
		if ne, ok := namedRef(text, i, r); ok {
			return ne, true
		}
		if !loiHead(r.instr) {
			// "du Traité de manière…": what follows a treaty's head is
			// not its title when it reads as no name
			r.titled = false
		}
		// "de la Constitution du 4 octobre 1958": its date is part of
		// the instrument's name
		return dateTail(text, e), true
	}
	if ne, ok := namedRef(text, i, r); ok {
		return ne, true
	}
	return -1, false
}

// reAbbrDated is a Swiss code named by its abbreviation and its date.
var reAbbrDated = regexp.MustCompile(`^(CPP|CP|CC|CO)[\s\x{a0}\x{202f}]+du[\s\x{a0}\x{202f}]+` + dateRE)

// reFormerLaw is the former law, as transitional provisions name it.
var reFormerLaw = regexp.MustCompile(`^(?i:(?:l['’])?ancien[\s\x{a0}]+droit|(?:l['’])?ancienne[\s\x{a0}]+loi)\b`)

// namedRef reads an instrument named by its own words after an article
// reference ("de la Convention de Vienne", "de la Déclaration de 1789")
// into r.
func namedRef(text string, i int, r *citeRef) (int, bool) {
	e, _, ok := namedInstr(text, i, true)
	if !ok {
		return -1, false
	}
	name := strings.TrimSpace(text[i:e])
	r.scope, r.instr, r.work = scopeNamed, name, ""
	if in := DefaultCatalog().lookupNamed(name, namedTrunc(text, e)); in != nil {
		r.scope, r.work = scopeWork, in.WorkID
	}
	return e, true
}

// reTitleGoesOn is the start of an act's title after "Loi"/"Act": "Loi
// sur l’extradition", "Loi renforçant la citoyenneté canadienne", "Loi
// réglementant certaines drogues…", "Loi n° 1 d’exécution…", "Act
// respecting …".
// rePresentNoLink is the space before "présent Traité" written without
// its "du"; it ends where the self-reference starts.
var rePresentNoLink = regexp.MustCompile(`^[\s\x{a0}\x{202f}]+(?:présente?|presente?)[\s\x{a0}\x{202f}]`)

// reParticiple is a present participle after an instrument's head:
// "Traité définissant…", "Traité portant…".
var reParticiple = regexp.MustCompile(`^[\s\x{a0}\x{202f}]+\p{Ll}+ant\b`)

// loiHead: the generic head is an act's ("Loi", "*Loi", "Law", "Act").
func loiHead(h string) bool {
	switch strings.ToLower(strings.TrimPrefix(h, "*")) {
	case "loi", "law", "act":
		return true
	}
	return false
}

var reTitleGoesOn = regexp.MustCompile(`^[\s\x{a0}\x{202f}]+(?:sur|\p{Ll}+ant\b|relative|relatif|de|d['’]|des|du|n[\s\x{a0}]?[o°º]\b|on|respecting|to|for|of|[A-Z])`)

// reDutchPre is a Dutch instrument named after its qualifiers: "van de te
// Parijs op 18 Mei 1904 gesloten Regeling".
var reDutchPre = regexp.MustCompile(`^(?:de|het|der|den)[\s\x{a0}]+(?:[^\s\x{a0},.;:()<>]+[\s\x{a0}]+){1,10}?(?:Regeling|Verdrag|Overeenkomst|Protocol|Conventie|Slotakte|Akte|Wet|Wetboek|Handvest|Statuut|Reglement|Besluit|Verklaring)\b`)

// wordMatch is FindStringSubmatchIndex at the start of s, kept only when
// the match ends a word (Go's \b is ASCII-only: "Traité" would fail it).
func wordMatch(re *regexp.Regexp, s string) []int {
	m := re.FindStringSubmatchIndex(s)
	if m == nil || !wordBoundary(s, 0, m[1]) {
		return nil
	}
	return m
}

// nameAt returns the length of the catalog name at the start of s, or 0.
func (c *Catalog) nameAt(s string) int {
	if c == nil {
		return 0
	}
	ws := words(s, 400)
	if len(ws) == 0 || ws[0].start != 0 {
		return 0
	}
	if n := c.nameWords(s, ws, 0); n > 0 {
		e := closeTags(s, 0, ws[n-1].end)
		if c.otherYear(s, 0, e) {
			return 0
		}
		return e
	}
	return 0
}

// reYearAfter is the year of an instrument's name after it: " de 1975",
// " of 1926".
var reYearAfter = regexp.MustCompile(`^[\s\x{a0}]+(?:de|of|du|van)[\s\x{a0}]+(1[6-9]\d\d|20\d\d)\b`)

// otherYear reports whether the catalog name text[s:e] is followed by a
// year that is not its instrument's: "Traité de la CEDEAO de 1975" is the
// treaty of Lagos, not the revised treaty of 1993 the short name stands
// for.
func (c *Catalog) otherYear(text string, s, e int) bool {
	m := reYearAfter.FindStringSubmatch(text[e:])
	if m == nil {
		return false
	}
	in := c.Named(text[s:e])
	return in != nil && in.Date != "" && !strings.HasPrefix(in.Date, m[1])
}

// addNames adds the instruments named alone (catalog names and national
// codes) that no citation already covers.
func addNames(text string, cites []Citation) []Citation {
	covered := func(s, e int) bool {
		// cites are in text order and do not overlap
		k := sort.Search(len(cites), func(i int) bool { return cites[i].End > s })
		return k < len(cites) && cites[k].Start < e
	}
	var extra []Citation
	cat := DefaultCatalog()
	for _, m := range cat.findNames(text) {
		if covered(m[0], m[1]) || cat.otherYear(text, m[0], m[1]) {
			continue
		}
		in := cat.Named(text[m[0]:m[1]])
		if in == nil {
			continue
		}
		kind := CiteTraite
		switch in.Kind {
		case KindCode:
			kind = CiteCode
		case KindLoi:
			kind = CiteLoi
		}
		start, end := m[0], m[1]
		if kind == CiteTraite {
			// "le protocole n° 1 à la Convention européenne des droits
			// de l'homme": the protocol, named by its treaty
			if pm := reProtocolOf.FindStringIndex(text[max(0, start-90):start]); pm != nil {
				start = max(0, start-90) + pm[0]
			}
			// "the Convention for the Protection of Human Rights and
			// Fundamental Freedoms (1950)", "the Slavery Convention of
			// 1926": its year belongs to it
			if y := match(reYearParen, text, end); y > 0 {
				end = y
			} else if y := reYearAfter.FindStringSubmatchIndex(text[end:]); y != nil && strings.HasPrefix(in.Date, text[end+y[2]:end+y[3]]) {
				end += y[1]
			}
		}
		if start != m[0] {
			if covered(start, m[0]) {
				start = m[0]
			} else {
				name := strings.Join(strings.Fields(text[start:end]), " ")
				r := &citeRef{scope: scopeNamed, instr: name}
				if pin := cat.lookupNamed(name, false); pin != nil {
					r.scope, r.work = scopeWork, pin.WorkID
				}
				extra = append(extra, Citation{Start: start, End: end, Kind: CiteTraite, ref: r})
				continue
			}
		}
		st, end, chapter := italicTitle(text, m[0], end)
		if chapter {
			extra = append(extra, Citation{Start: st, End: end, Kind: kind, ref: &citeRef{scope: scopeNamed, instr: text[st:end]}})
			continue
		}
		extra = append(extra, Citation{Start: st, End: end, Kind: kind, ref: &citeRef{scope: scopeWork, work: in.WorkID, instr: text[m[0]:m[1]]}})
	}
	extra = addOwnNames(text, extra, covered)
	kept := extra[:0]
	for _, c := range extra {
		if !protocolTitleAt(text, c.Start) {
			kept = append(kept, c)
		}
	}
	extra = kept
	names := extra // in text order, without overlaps
	for _, start := range indexAllFold(text, "code ") {
		if !wordBoundary(text, start, start+4) {
			continue
		}
		r := &citeRef{}
		e, ok := parseInstr(text, start, r)
		if !ok || r.scope != scopeCode || covered(start, e) || articleRemnantBefore(text, start) {
			continue
		}
		m := [2]int{start, e}
		k := sort.Search(len(names), func(i int) bool { return names[i].End > m[0] })
		if k == len(names) || names[k].Start >= m[1] {
			st, end, chapter := italicTitle(text, m[0], e)
			if chapter {
				r = &citeRef{scope: scopeNamed, instr: text[st:end]}
			}
			extra = append(extra, Citation{Start: st, End: end, Kind: CiteCode, ref: r})
		}
	}
	if len(extra) == 0 {
		return cites
	}
	cites = append(cites, extra...)
	sort.Slice(cites, func(a, b int) bool { return cites[a].Start < cites[b].Start })
	return cites
}

// reProtocolOf is a protocol named by the treaty it supplements, up to
// the treaty's name: "protocole n° 1 à la ", "premier protocole
// additionnel à la ", "Protocol No. 4 to the ".
var reProtocolOf = regexp.MustCompile(`(?:(?i:premier|1er|second|deuxième|\d+e)[\s\x{a0}]+)?(?i:protocole|protocol)(?:[\s\x{a0}]+(?i:additionnel|facultatif|additional|optional))?(?:[\s\x{a0}]+(?:n[\s\x{a0}]?[°º]|nº|[Nn]o\.?)[\s\x{a0}]*\d+)?[\s\x{a0}]+(?:à|to)[\s\x{a0}]+(?:la[\s\x{a0}]+|the[\s\x{a0}]+)?$`)

// italicTitle extends the name text[s:e] over the Markdown italics around
// it and the Canadian chapter after them: "*Code criminel*, chapitre C-34
// des Statuts révisés du Canada de 1970". chapter reports that a chapter
// was read: the name is then that of an older consolidation or of another
// act, not the text of the base.
func italicTitle(text string, s, e int) (start, end int, chapter bool) {
	if s > 0 && text[s-1] == '*' && e < len(text) && text[e] == '*' {
		s, e = s-1, e+1
		if c := match(reCanChapter, text, e); c > 0 {
			return s, c, true
		}
	}
	return s, e, false
}

// reCanChapter is the chapter of a Canadian statute after its title:
// ", chapitre C-34 des Statuts révisés du Canada de 1970", ", chapitre 125
// des Statuts du Canada de 1980-81-82-83".
var reCanChapter = regexp.MustCompile(`^,[\s\x{a0}]+(?:chapitre|chapter)[\s\x{a0}]+[A-Z]?-?\d+[\s\x{a0}]+(?:des|of[\s\x{a0}]+the)[\s\x{a0}]+(?i:Statuts[\s\x{a0}]+r[ée]vis[ée]s|Statuts|Revised[\s\x{a0}]+Statutes|Statutes)[\s\x{a0}]+(?:du|of)[\s\x{a0}]+Canada[\s\x{a0}]*(?:de|,)?[\s\x{a0}]*\d{4}(?:-\d{2})*`)

// reYearParen is a year in parentheses: " (1950)".
var reYearParen = regexp.MustCompile(`^[\s\x{a0}]?\((?:1[6-9]|20)\d\d\)`)

// articleRemnantBefore: the code named at text[start] is the instrument of
// an article cut off at the start of a search-result extract,
// "préliminaire du code de procédure pénale" (the end of "article
// préliminaire du code…"): a remnant, not a citation of the code.
func articleRemnantBefore(text string, start int) bool {
	before := strings.ToLower(strings.TrimRight(text[:start], " \u00a0"))
	for _, w := range []string{" du", " de la", " de l'", " de l’"} {
		if b, ok := strings.CutSuffix(before, w); ok {
			return b == "préliminaire"
		}
	}
	return false
}

// indexAllFold returns the offsets of an ASCII lowercase needle in s,
// its first letter in either case, in order.
func indexAllFold(s, needle string) []int {
	var out []int
	for _, n := range []string{needle, strings.ToUpper(needle[:1]) + needle[1:]} {
		for off := 0; ; {
			k := strings.Index(s[off:], n)
			if k < 0 {
				break
			}
			out = append(out, off+k)
			off += k + len(n)
		}
	}
	sort.Ints(out)
	return out
}

// isHeadingAt reports whether the citation c is the heading of an article
// rather than a reference to one: it starts its line, is followed by a
// colon or a dash ("Article 314 : Frais…", "ARTICLE 5 -") and names no
// other instrument.
func isHeadingAt(text string, c Citation) bool {
	line := strings.LastIndexByte(text[:c.Start], '\n') + 1
	if strings.TrimSpace(text[line:c.Start]) != "" {
		return false
	}
	if c.Kind != CiteArticle || !strings.HasPrefix(strings.ToLower(text[c.Start:min(len(text), c.Start+4)]), "art") {
		// "PARAGRAPHES 7 : DES INFRACTIONS…", a division's heading in
		// capitals glued into the text: any part keyword in capitals
		if c.Kind != CiteArticle && c.Kind != CiteRenvoi {
			return false
		}
		w := strings.Fields(text[c.Start:c.End])
		if len(w) == 0 || len(w[0]) < 4 || !allCaps(w[0]) {
			return false
		}
	}
	if len(strings.Fields(text[c.Start:c.End])) > 3 {
		return false // "article 59 du Traité révisé…": it names an instrument
	}
	rest := strings.TrimLeft(text[c.End:], " \t\u00a0")
	return strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "—")
}

// marginalHeading reports whether c is a Fedlex article number glued after
// its marginal title at the very end of a text, a space or a no-break
// space between them: "…d’une peine pécuniaire.Mise en danger de la vie
// d’autrui\u00a0Art. 129". Swiss references write "art." in lowercase;
// a capital "Art." ending the text after a word that cannot introduce a
// reference ("à l’Art. 5", "selon Art. 5") is the next article's heading.
func marginalHeading(text string, c Citation) bool {
	if !strings.HasPrefix(text[c.Start:], "Art.") || len(c.ref.arts) != 1 {
		return false
	}
	if strings.TrimSpace(text[:c.Start]) == "" && reGluedBody.MatchString(text[c.End:]) {
		// "Art. 1871.Quiconque…", "Art. 12\u00a0Le juge…" opening the
		// text: the article's own number, its body glued to it
		return true
	}
	if strings.TrimSpace(text[c.End:]) != "" {
		return false
	}
	before := strings.TrimRight(text[:c.Start], " \t\u00a0\u202f")
	r, _ := utf8.DecodeLastRuneInString(before)
	if len(before) == len(text[:c.Start]) {
		// glued after the end of the previous text: "…nationale.5ter…Art. 355d"
		return r == '…' || r == '.'
	}
	if !unicode.IsLetter(r) {
		return false
	}
	w := before[strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) })+1:]
	return !introWords[strings.ToLower(w)]
}

// reGluedBody is an article's body glued to its Fedlex number: ".Q",
// "\u00a0L".
var reGluedBody = regexp.MustCompile(`^(?:\.|\x{a0})\p{Lu}`)

// introWords are the words that may introduce an article reference.
var introWords = wordSet("a à au aux de du des d l la le les selon cf voir vu et ou en dans par sous see under in of to and or per")

// isGluedHeading reports whether c is the heading of the next article
// that the source glued, in parentheses, to the end of the text of the
// one before: "… de dix (10) ans à vingt (20) ans. (Article 522)". A
// parenthesised "(Article N)" after a finished sentence and with nothing
// after it names no instrument and refers to nothing.
func isGluedHeading(text string, c Citation) bool {
	if c.Kind != CiteArticle || c.ref == nil || c.ref.scope != scopeNone {
		return false
	}
	if marginalHeading(text, c) {
		return true
	}
	if !strings.HasPrefix(text[c.Start:], "Article") && !strings.HasPrefix(text[c.Start:], "ARTICLE") {
		return false
	}
	before := strings.TrimRight(text[:c.Start], " \t\u00a0")
	if !strings.HasSuffix(before, "(") {
		return false
	}
	before = strings.TrimRight(strings.TrimSuffix(before, "("), " \t\u00a0")
	if !strings.HasSuffix(before, ".") {
		return false
	}
	after := strings.TrimLeft(text[c.End:], " \t\u00a0")
	return strings.HasPrefix(after, ")") && strings.TrimSpace(after[1:]) == ""
}
