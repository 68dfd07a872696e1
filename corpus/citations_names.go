package corpus

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Instruments named by their own words rather than by a catalog name:
// « Convention des Nations-Unies de Vienne », « Déclaration de 1789 »,
// « Prot. d’am. du 7 déc. 1953 », « Convention on the Rights of the Child »,
// « Verdrag tot bestrijding van … ». A name is a head word (Convention,
// Protocole, Pacte, Charte, Traité, Déclaration…, in French, English or
// Dutch) followed by a complement: adjectives, then groups of a connecting
// word (de, relative à, sur, on, against, tot, van…) and content words, a
// year or a date. The complement ends at punctuation, at a word that is
// neither (a verb: « prévoit », « dispose »), or before « et » + another
// instrument. Trailing connecting words are dropped, so that a name cut
// at the end of a search-result extract (« … de Vienne sur le ») ends at
// its last content word.

// instrHeads maps a head word, folded, to the language it implies ("" for
// either French or English).
var instrHeads = map[string]string{
	"convention": "", "protocole": "fr", "protocol": "", "pacte": "fr", "covenant": "en",
	"charte": "fr", "charter": "en", "traite": "fr", "treaty": "en", "declaration": "",
	"statut": "fr", "statute": "en", "accord": "fr", "agreement": "en", "arrangement": "", "statuut": "nl",
	"verdrag": "nl", "overeenkomst": "nl", "regeling": "nl", "handvest": "nl", "verklaring": "nl",
	"prot": "fr", "conv": "fr", "decl": "fr", // abbreviated, with their dot: « Prot. d’am. »
}

// Connecting words by language, folded. Articles (arts) are accepted only
// after another connecting word (« de la », « of the », « van de »).
var (
	connFR  = wordSet("de des du d a au aux sur pour contre relative relatif relatives relatifs concernant portant visant tendant en entre et amendant additionnel additionnelle dans")
	connEN  = wordSet("of on against for to and in concerning relating regarding between amending thereto")
	connNL  = wordSet("tot van in en of inzake betreffende ter voor over tegen op nopens")
	artsAll = wordSet("la le les l the het de der den een")
	// never part of a name
	nameStop = wordSet("article articles art alinea alineas paragraphe paragraphes paragraph paragraphs section chapitre chapter titre annexe present presente presents presentes this dit deze qui que dont lequel laquelle lesquels lesquelles est sont ont ete etre ne se il elle ils elles ce cette ces cet son sa ses leur leurs notamment ainsi aussi which that shall is are was were has have be its their it such as by with selon par lors ci precite precitee susvise susvisee meme dudit ledit ladite tel telle s qu n j c m t un une y tout toute tous toutes nouvelle nouveau teneur maniere facon sorte vertu application sens conformement cadre egard afin bij aan om als door dat die is zijn wordt worden zal zullen niet er ook welke hun")
	// words before a head that make it the citing text itself: « cette Charte », « this Convention »
	selfWords = wordSet("present presente presents presentes this these dit deze ce cet cette ces ledit ladite dudit meme")
	// Dutch connecting words that may follow the head: « Verdrag tot … », not « Verdrag in werking »
	connNLHead = wordSet("tot van inzake betreffende nopens ter tegen")
	// adjectives that make a lowercase head a treaty: « convention européenne »
	treatyAdj = wordSet("europeenne europeen internationale international internationaux internationales universelle universel africaine africain americaine americain interamericaine additionnel additionnelle facultatif multilateral multilaterale bilateral bilaterale revise revisee optional additional supplementary european international universal african american")
	// words after which a capitalised head is a name: « la Convention », « de la Charte »
	determiners = wordSet("la le l les de du des d a au aux par sur selon the of to under by with in het van en onder bij")
	// words after which a head is a common noun: « une convention internationale », « any treaty »
	indefinites = wordSet("un une a an any tout toute toutes tous chaque aucun aucune autre autres such each every een elk elke ander andere")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// nameTok is a token of a name: a word (letters, inner hyphens), an
// elided article (« l’ », « d’ »), an abbreviation with its dot (« am. »),
// a number, or a date.
type nameTok struct {
	start, end int
	fold       string // Slug of the word
	upper      bool   // starts with a capital
	num        bool   // digits
	date       bool   // a whole date « 7 déc. 1953 », « 10/02/1947 »
}

// nameSpace skips the spaces, single line breaks and highlight tags
// before a token; ok is false when a paragraph break or nothing follows.
func nameSpace(text string, p int) (int, bool) {
	nl := 0
	for p < len(text) {
		switch {
		case text[p] == ' ' || text[p] == '\t':
			p++
		case text[p] == '\n':
			nl++
			if nl > 1 {
				return p, false
			}
			p++
		case strings.HasPrefix(text[p:], "\u00a0"):
			p += len("\u00a0")
		case strings.HasPrefix(text[p:], "\u202f"):
			p += len("\u202f")
		case text[p] == '<' && tagLen(text[p:]) > 0:
			p += tagLen(text[p:])
		default:
			return p, true
		}
	}
	return p, false
}

// nextNameTok reads the token at text[p] (after nameSpace).
func nextNameTok(text string, p int) (nameTok, bool) {
	if p >= len(text) {
		return nameTok{}, false
	}
	if isDigit(text[p]) {
		if m := reNameDate.FindStringIndex(text[p:]); m != nil {
			return nameTok{start: p, end: p + m[1], num: true, date: true}, true
		}
		q := p
		for q < len(text) && isDigit(text[q]) {
			q++
		}
		if q < len(text) && isLetterAt(text, q) {
			return nameTok{}, false
		}
		return nameTok{start: p, end: q, fold: text[p:q], num: true}, true
	}
	q := p
	for q < len(text) {
		r, n := utf8.DecodeRuneInString(text[q:])
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			q += n
			continue
		}
		if (r == '-' || r == '‑') && q > p && q+n < len(text) && isLetterAt(text, q+n) {
			q += n
			continue
		}
		break
	}
	if q == p {
		return nameTok{}, false
	}
	first, _ := utf8.DecodeRuneInString(text[p:])
	t := nameTok{start: p, end: q, fold: Slug(text[p:q]), upper: unicode.IsUpper(first)}
	if q < len(text) {
		switch {
		case strings.HasPrefix(text[q:], "'") || strings.HasPrefix(text[q:], "’") || strings.HasPrefix(text[q:], "ʼ"):
			// « l’ », « d’ »: the elided article is a token of its own
			if q-p == 1 {
				_, n := utf8.DecodeRuneInString(text[q:])
				t.end = q + n
			}
		case text[q] == '.' && q-p <= 4:
			// « am. », « Prot. »: an abbreviation, when a lowercase word,
			// a digit or a head's complement follows (not a sentence end)
			if r, ok := nameSpace(text, q+1); ok {
				c, _ := utf8.DecodeRuneInString(text[r:])
				if unicode.IsLower(c) || isDigit(text[r]) {
					t.end = q + 1
				}
			}
		}
	}
	return t, true
}

// reNameDate is a date inside a name: « 7 déc. 1953 », « 4 novembre
// 1950 », « 18 Mei 1904 », « 10/02/1947 ».
var reNameDate = regexp.MustCompile(`^(?:` + dateRE + `|\d{1,2}/\d{1,2}/\d{4})`)

// namedInstr reads the name of an instrument whose head word starts at
// text[i] (an optional determiner « la », « the », « het » before it is
// skipped). determined says the head follows an article or a preposition
// (« de la Convention »), as after an article reference: a capitalised
// head then needs no more evidence. It returns the end of the name.
func namedInstr(text string, i int, determined bool) (int, string, bool) {
	p := i
	if t, ok := nextNameTok(text, p); ok && artsAll[t.fold] {
		if q, ok := nameSpace(text, t.end); ok {
			p, determined = q, true
		}
	}
	head, ok := nextNameTok(text, p)
	if !ok {
		return -1, "", false
	}
	lang, isHead := instrHeads[head.fold]
	if !isHead || !headOK(text[head.start:head.end]) {
		return -1, "", false
	}
	abbrev := strings.HasSuffix(text[head.start:head.end], ".")
	if (head.fold == "prot" || head.fold == "conv" || head.fold == "decl") != abbrev || abbrev && !head.upper {
		return -1, "", false
	}
	evidence := head.upper && determined
	end, content := head.end, 0
	prevConn, prevFold, prevUpper := false, head.fold, head.upper
	afterHead := true
	pos := head.end
	for n := 0; n < 30; n++ {
		q, ok := nameSpace(text, pos)
		if !ok {
			break
		}
		if text[q] == ',' && lang == "en" && content > 0 && !prevConn {
			// « Prevent, Suppress and Punish »: an English title goes on
			// after a comma with a capitalised word
			r, ok := nameSpace(text, q+1)
			if !ok {
				break
			}
			t, ok := nextNameTok(text, r)
			if !ok || !t.upper || t.num || nameStop[t.fold] || strings.HasSuffix(t.fold, "ing") || instrHeads[t.fold] != "" && t.fold != "protocol" {
				break
			}
			pos = r
			prevConn = true
			continue
		}
		t, ok := nextNameTok(text, q)
		if !ok {
			break
		}
		f := t.fold
		if lang == "" && !t.num {
			switch {
			case connEN[f] && !connFR[f]:
				lang = "en"
			case connFR[f] || artsAll[f]:
				lang = "fr"
			}
		}
		if t.date {
			if !prevConn && !afterHead {
				break
			}
			// a name is cited up to its date: « Convention de Vienne du
			// 24 avril 1963 » (« sur les relations consulaires » after it
			// is the title, which a citation may leave out)
			content++
			evidence = true
			end = t.end
			break
		}
		if t.num {
			// « de 1789 », « of 2014 », « n° 4 »: after a connecting word
			if !prevConn || len(f) != 4 && prevFold != "n" && prevFold != "no" {
				break
			}
			content++
			evidence = true
			end, pos, prevConn, prevFold, prevUpper, afterHead = t.end, t.end, false, f, false, false
			continue
		}
		if (f == "n" || f == "no") && !prevConn {
			// « Protocole n° 4 », « Protocol No. 12 »
			r := t.end
			for _, s := range []string{"°", "º", "."} {
				if strings.HasPrefix(text[r:], s) {
					r += len(s)
					break
				}
			}
			if r == t.end {
				break
			}
			pos, prevConn, prevFold = r, true, "n"
			continue
		}
		var conn bool
		switch lang {
		case "en":
			conn = connEN[f]
		case "nl":
			conn = connNL[f]
		default:
			conn = connFR[f]
		}
		if artsAll[f] && !connNL[f] && !connFR[f] {
			// an article: after a connecting word only (« de la », « of the »)
			if !prevConn {
				break
			}
			pos, prevFold = t.end, f
			continue
		}
		if f == "a" && text[t.start] == 'a' {
			conn = false // the verb « a », not « à »
		}
		if conn && lang == "nl" && afterHead && !connNLHead[f] {
			break // « Verdrag in werking »
		}
		if conn && !agrees(head.fold, f) {
			// « dispositions du Traité … relatives à la libre… »: the
			// adjective agrees with another noun than the head
			break
		}
		if conn {
			if f == "et" || f == "and" || f == "en" && lang != "fr" {
				if content == 0 || !goodAfterAnd(text, t.end, lang) {
					break
				}
			}
			pos, prevConn, prevFold = t.end, true, f
			continue
		}
		if artsAll[f] {
			if !prevConn {
				break
			}
			pos, prevFold = t.end, f
			continue
		}
		// a content word
		if nameStop[f] || strings.HasSuffix(text[t.start:t.end], ".") && !abbrev {
			break
		}
		caps := allCaps(text[t.start:t.end])
		good := false
		switch {
		case caps && !prevConn:
			// « Statut SR », « … de l’Europe RS »: a note, not the name
		case lang == "en":
			good = t.upper
		case prevConn && prevFold == "a" && !t.upper:
			// « Convention à adhérer »: a verb, « à la Convention » has its article
		case prevConn:
			good = true
		case lang == "nl":
			good = strings.HasSuffix(prevFold, "e") && !afterHead
		case adjLike(f):
			// « Convention européenne », « Traité Révisé », « Nations Unies »
			good = !t.upper || prevUpper || afterHead
		}
		if !good {
			break
		}
		content++
		if t.upper || treatyAdj[f] && content > 1 {
			evidence = true
		}
		end, pos, prevConn, prevFold, prevUpper, afterHead = t.end, t.end, false, f, t.upper, false
	}
	if content == 0 || !evidence {
		return -1, "", false
	}
	return closeTags(text, i, end), lang, true
}

// agrees reports whether the French adjective relatif/relative/relatifs/
// relatives can qualify the singular head (folded): a treaty is named in
// the singular, « Traité … relatif à », « Convention relative à »; any
// other word agrees.
func agrees(head, adj string) bool {
	switch adj {
	case "relatifs", "relatives":
		return false
	case "relatif":
		return !feminineHeads[head]
	case "relative":
		return !masculineHeads[head]
	}
	return true
}

var (
	feminineHeads  = wordSet("convention charte declaration conv decl")
	masculineHeads = wordSet("traite protocole pacte accord statut arrangement prot")
)

// goodAfterAnd: after « et », « and », « en », a name goes on only as
// names do: « … de l’homme et des libertés », « et du citoyen », « civils
// et politiques », « Economic, Social and Cultural Rights »; not with
// another instrument, a number, a verb or another phrase (« et en avoir »,
// « and in the », « en van het Verdrag »).
func goodAfterAnd(text string, p int, lang string) bool {
	q, ok := nameSpace(text, p)
	if !ok {
		return false
	}
	t, ok := nextNameTok(text, q)
	if !ok || t.num || nameStop[t.fold] {
		return false
	}
	if _, head := instrHeads[t.fold]; head {
		return false
	}
	switch lang {
	case "en":
		return t.upper && !connEN[t.fold] && !artsAll[t.fold]
	case "nl":
		return t.upper && !connNL[t.fold] && !artsAll[t.fold]
	}
	switch t.fold {
	case "des", "du":
	case "de":
		// « et de la », « et de l’ »
		r, ok := nameSpace(text, t.end)
		if !ok {
			return false
		}
		a, ok := nextNameTok(text, r)
		if !ok || a.fold != "la" && a.fold != "l" {
			return false
		}
	default:
		if !adjLike(t.fold) && pluralNoun(text[t.start:t.end]) && pluralNoun(prevWord(text, p)) {
			// « sur les privilèges et immunités de… »: two plural nouns
			return !connFR[t.fold] && !artsAll[t.fold]
		}
		return adjLike(t.fold) && !connFR[t.fold] && !artsAll[t.fold]
	}
	r, ok := nameSpace(text, t.end)
	if !ok {
		return false
	}
	c, ok := nextNameTok(text, r)
	if !ok || c.num {
		return false
	}
	_, head := instrHeads[c.fold]
	return !head && !nameStop[c.fold]
}

// pluralNoun: w looks like a French plural noun, lowercase, ending in -s
// or -x, not a verb in -ent or -ons.
func pluralNoun(w string) bool {
	if len(w) < 4 || !unicode.IsLower([]rune(w)[0]) {
		return false
	}
	return (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x")) && !strings.HasSuffix(w, "ons") && !strings.HasSuffix(w, "ez")
}

// prevWord is the word before the one ending just before text[p] (the
// word that « et » at text[:p] follows).
func prevWord(text string, p int) string {
	s := strings.TrimRightFunc(text[:p], unicode.IsLetter) // drop « et »
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	k := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	return s[k+1:]
}

// headOK: a head as written may start a name. A lowercase « statut »,
// « déclaration », « accord » is a common noun (« déclaration de
// culpabilité », « statut de réfugié »), a heading in capitals
// (« TRAITE REVISE ») is no citation, and « traite » without its accent is
// the trade (« la Traite des Blanches »), not a treaty.
func headOK(h string) bool {
	f := Slug(h)
	if f == "traite" && !strings.Contains(strings.ToLower(h), "é") {
		return false
	}
	if allCaps(h) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(h)
	if unicode.IsLower(r) {
		switch f {
		case "convention", "traite", "pacte", "protocole", "protocol", "charte", "treaty", "covenant", "verdrag":
		default:
			return false
		}
	}
	return true
}

// allCaps: s has two letters or more, all capitals.
func allCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n > 1
}

// adjLike: a French word that reads as an adjective following its noun
// (« fondamentales », « civils », « européenne », « organisée »).
func adjLike(f string) bool {
	if treatyAdj[f] || f == "organisee" || f == "unies" {
		return true
	}
	for _, s := range []string{"al", "ale", "ales", "aux", "el", "elle", "elles", "els", "ique", "iques", "if", "ive", "ifs", "ives",
		"ain", "aine", "ains", "aines", "ien", "ienne", "iens", "iennes", "een", "eenne", "eens", "eennes", "ais", "aise", "aises",
		"eux", "euse", "euses", "aire", "aires", "il", "ils", "ile", "iles", "ier", "iere", "iers", "ieres", "nel", "nelle", "icite", "icites"} {
		if strings.HasSuffix(f, s) && len(f) > len(s)+2 {
			return true
		}
	}
	return false
}

// namedTrunc reports whether a name ending at text[end] ends its text: a
// search-result extract cut in the middle of a name.
func namedTrunc(text string, end int) bool {
	p, ok := nameSpace(text, end)
	if !ok {
		return true // the end of the text or of the paragraph
	}
	rest := text[p:]
	return rest == "…" || rest == "..." || strings.HasPrefix(rest, "…\n") || strings.HasPrefix(rest, "...\n")
}

// englishLead extends an English name back over the capitalised words
// before its head: « United Nations Convention against … », « Universal
// Declaration of … ». It returns the new start.
func englishLead(text string, start int) int {
	ws := words(text[max(0, start-80):start], 0)
	off := max(0, start-80)
	s := start
	for k := len(ws) - 1; k >= 0 && k >= len(ws)-4; k-- {
		w := ws[k]
		gap := text[off+w.end : s]
		if gap != " " {
			break
		}
		r, _ := utf8.DecodeRuneInString(text[off+w.start:])
		f := Slug(text[off+w.start : off+w.end])
		if !unicode.IsUpper(r) || artsAll[f] || f == "this" || f == "a" || nameStop[f] {
			break
		}
		s = off + w.start
	}
	if s != start {
		// « … Council of Europe Convention »: a connecting word before the
		// lead means the name began earlier; keep the head alone
		ws := words(text[max(0, s-12):s], 0)
		if len(ws) > 0 {
			f := Slug(text[max(0, s-12)+ws[len(ws)-1].start : max(0, s-12)+ws[len(ws)-1].end])
			if connEN[f] {
				return start
			}
		}
	}
	return s
}

// indefiniteAt: the word before text[i] makes it a common noun.
func indefiniteAt(text string, i int) bool { return prevWordIn(text, i, indefinites) }

// prevWordIn: the word before text[i], folded, is in set.
func prevWordIn(text string, i int, set map[string]bool) bool {
	ws := words(text[max(0, i-16):i], 0)
	if len(ws) == 0 {
		return false
	}
	off := max(0, i-16)
	return set[Slug(text[off+ws[len(ws)-1].start:off+ws[len(ws)-1].end])]
}

// determinedAt: the word before text[i] is an article or a preposition.
func determinedAt(text string, i int) bool {
	ws := words(text[max(0, i-16):i], 0)
	if len(ws) == 0 {
		return false
	}
	off := max(0, i-16)
	w := ws[len(ws)-1]
	if strings.Trim(stripTags(text[off+w.end:i]), "'’ʼ \u00a0\n") != "" {
		return false
	}
	return determiners[Slug(text[off+w.start:off+w.end])]
}

// lookupNamed finds the catalog instrument a name of its own words
// designates: a catalog name or title; or, when the name is a prefix of
// one instrument's names and either starts with one of its names
// (« Protocol to Prevent, … in Persons, Especially Women and Children »)
// or is cut at the end of its text, that instrument. nil when none.
func (c *Catalog) lookupNamed(name string, truncated bool) *Instrument {
	if c == nil {
		return nil
	}
	name = stripTags(name)
	if in := c.Named(name); in != nil {
		return in
	}
	k := Slug(name)
	k = strings.Replace(k, "-thereto-", "-", 1)
	if in := c.byName[k]; in != nil {
		return in
	}
	if s := reStutter.ReplaceAllString(k, "-$1-"); s != k {
		// a stuttered preposition, a typo of the source: "Convention de
		// des droits de l'homme" is the "Convention des droits de
		// l'homme" (only that exact name: no guess at a missing word)
		if in := c.byName[s]; in != nil {
			return in
		}
	}
	if strings.Count(k, "-") < 2 {
		return nil
	}
	var found *Instrument
	startsWithName := false
	for n, in := range c.byName {
		if !strings.HasPrefix(n+"-", k+"-") {
			continue
		}
		if found != nil && found != in {
			return nil
		}
		found = in
	}
	if found == nil {
		return nil
	}
	for n, in := range c.byName {
		if in == found && strings.HasPrefix(k+"-", n+"-") {
			startsWithName = true
		}
	}
	if startsWithName || truncated {
		return found
	}
	return nil
}

// reStutter is a doubled preposition in a name's slug: "-de-des-",
// "-de-de-", "-de-du-" ("de la" is no stutter).
var reStutter = regexp.MustCompile(`-de-(des|de|du)-`)

// addOwnNames adds to the catalog names found alone (names, in text order)
// the instruments named by their own words that no citation covers.
func addOwnNames(text string, names []Citation, covered func(s, e int) bool) []Citation {
	if !mayName(text) {
		return names
	}
	var out []Citation
	cat := DefaultCatalog()
	last := 0
	for _, w := range words(text, 0) {
		if w.start < last {
			continue
		}
		f := w.fold(text)
		if _, ok := instrHeads[f]; !ok {
			continue
		}
		if indefiniteAt(text, w.start) || prevWordIn(text, w.start, selfWords) {
			continue
		}
		if f == "convention" && strings.HasPrefix(strings.ToLower(strings.TrimLeft(text[w.end:], " ")), "collective") {
			continue // a French collective labour agreement, not a treaty
		}
		e, lang, ok := namedInstr(text, w.start, determinedAt(text, w.start))
		if !ok {
			continue
		}
		start := w.start
		if lang == "en" {
			start = englishLead(text, start)
		}
		if covered(start, e) || overlaps(names, start, e) {
			continue
		}
		name := text[start:e]
		r := &citeRef{scope: scopeNamed, instr: name}
		if in := cat.lookupNamed(name, namedTrunc(text, e)); in != nil {
			r.scope, r.work = scopeWork, in.WorkID
		}
		out = append(out, Citation{Start: start, End: e, Kind: CiteTraite, ref: r})
		last = e
	}
	if len(out) == 0 {
		return names
	}
	names = append(names, out...)
	sort.Slice(names, func(a, b int) bool { return names[a].Start < names[b].Start })
	return names
}

// headParts are lowercase parts of every head word (instrHeads), for a
// fast test that a text may name an instrument.
var headParts = []string{"onvention", "rotoco", "acte", "harte", "rait", "claration", "tatut", "ccord", "rrangement",
	"erdrag", "vereenkomst", "egeling", "andvest", "erklaring", "rot.", "onv.", "écl.", "ecl.", "ovenant", "harter", "reaty",
	"greement", "CONVENTION", "PROTOCOL", "PACTE", "CHARTE", "TRAIT", "DÉCLARATION", "DECLARATION", "STATUT", "ACCORD",
	"ARRANGEMENT", "VERDRAG", "COVENANT", "CHARTER", "TREATY", "AGREEMENT", "OVEREENKOMST", "REGELING", "HANDVEST", "VERKLARING"}

// mayName: text contains a part of a head word.
func mayName(text string) bool {
	for _, p := range headParts {
		if strings.Contains(text, p) {
			return true
		}
	}
	return false
}

// overlaps: one of cites (in text order) overlaps text[s:e].
func overlaps(cites []Citation, s, e int) bool {
	k := sort.Search(len(cites), func(i int) bool { return cites[i].End > s })
	return k < len(cites) && cites[k].Start < e
}

// citeAbbrevs are the abbreviations of codes and laws written right after
// the article number, Swiss style ("art. 964a, 964b et 964l CO", "art. 49
// LPD", "art. 58 al. 1 LParl") or in French notes ("art. 6 CEDH", "art.
// 222-33 C. pén."). A code's abbreviation gives its generic name, resolved
// by the jurisdiction of the citing text; the others stay as written.
var citeAbbrevs = map[string]string{
	// Swiss federal codes
	"CP": "code pénal", "CPP": "code de procédure pénale", "CC": "code civil", "CO": "code des obligations",
	"CPC": "code de procédure civile", "CPM": "code pénal militaire", "CPS": "code pénal",
	// Swiss federal acts
	"Cst.": "", "LTF": "", "LTAF": "", "LTPF": "", "LOAP": "", "LPA": "", "LParl": "", "LREC": "", "LRens": "",
	"LPD": "", "LAVI": "", "LEI": "", "LEtr": "", "LAsi": "", "LStup": "", "LCR": "", "LP": "", "LDIP": "",
	"LBA": "", "LArm": "", "LSCPT": "", "LMSI": "", "DPMin": "", "DPA": "", "PPM": "", "LN": "", "LPers": "",
	"LAMal": "", "LAVS": "", "LAI": "", "LACI": "", "LPP": "", "LAA": "", "LTr": "", "LIFD": "", "LHID": "",
	"LTVA": "", "LD": "", "LCart": "", "LCD": "", "LDA": "", "LPM": "", "LPE": "", "LAT": "", "LRTV": "",
	"LTC": "", "LOGA": "", "LRCF": "", "OASA": "", "LEx": "", "EIMP": "", "LFE": "", "LSEE": "", "LTrans": "",
	// French
	"C. pén.": "code pénal", "C. civ.": "code civil", "C. trav.": "code du travail", "C. com.": "code de commerce",
	"C. pr. pén.": "code de procédure pénale", "C. proc. pén.": "code de procédure pénale", "CGI": "",
	"CSP": "code de la santé publique", "CSS": "code de la sécurité sociale",
	// treaties
	"CEDH": "", "Conv. EDH": "", "ECHR": "", "TFUE": "", "TUE": "", "Pacte ONU II": "", "Pacte ONU I": "",
}

// citeAbbrevList is citeAbbrevs longest first, so that "CPP" is tried
// before "CP".
var citeAbbrevList = func() []string {
	var l []string
	for k := range citeAbbrevs {
		l = append(l, k)
	}
	sort.Slice(l, func(i, j int) bool {
		if len(l[i]) != len(l[j]) {
			return len(l[i]) > len(l[j])
		}
		return l[i] < l[j]
	})
	return l
}()

// parseAbbr reads an abbreviation after an article reference ending at
// text[i] ("art. 49 LPD"): the instrument of the citation.
func parseAbbr(text string, i int, r *citeRef) (int, bool) {
	p := i
	if r.sub && p < len(text) && text[p] == ',' {
		// "art. 91, al. 1, ch. 1, 163, al. 2, et 341, al. 1, LP"
		p++
		i = p
	}
	for p < len(text) && text[p] == ' ' {
		p++
	}
	if p == i && !strings.HasPrefix(text[p:], "\u00a0") {
		return -1, false
	}
	if strings.HasPrefix(text[p:], "\u00a0") {
		p += len("\u00a0")
	}
	if p >= len(text) || text[p] < 'A' || text[p] > 'Z' {
		return -1, false
	}
	for _, a := range citeAbbrevList {
		if !strings.HasPrefix(text[p:], a) {
			continue
		}
		e := p + len(a)
		if !strings.HasSuffix(a, ".") && !wordEnd(text, e) {
			continue
		}
		if in := DefaultCatalog().Named(a); in != nil {
			r.scope, r.work, r.instr = scopeWork, in.WorkID, a
			return e, true
		}
		r.scope, r.instr, r.generic = scopeAbbr, a, citeAbbrevs[a]
		return e, true
	}
	return -1, false
}

var (
	// reCont joins an article citation to the next item of a list; the
	// second group is a renumbering ("devenu 1242"), which needs no
	// instrument on either side.
	reCont = regexp.MustCompile(`^(?:[\s\x{a0}\x{202f}]*,?[\s\x{a0}\x{202f}]*((?i:devenue?s?|anciennement|ancien|nouvel)[\s\x{a0}\x{202f}]+)(?:l['’]article[\s\x{a0}\x{202f}]+|article[\s\x{a0}\x{202f}]+)?|[\s\x{a0}\x{202f}]*,[\s\x{a0}\x{202f}]*(?:(?:et|ou|and|or)[\s\x{a0}\x{202f}]+)?|[\s\x{a0}\x{202f}]+(?:et|ou|and|or)[\s\x{a0}\x{202f}]+)`)
	// reStatuteCont is the next act of a Canadian chain, its year
	// understood: "ch. 30 (3^e^ suppl.), art. 2", "ch. 40, art. 14".
	reStatuteCont = regexp.MustCompile(`^[\s\x{a0}\x{202f}]*[,;][\s\x{a0}\x{202f}]*(ch\.[\s\x{a0}\x{202f}]*[0-9A-Z-]+(?:[\s\x{a0}\x{202f}]*\((?:\d+(?:\^?(?:er|e)\^?)?[\s\x{a0}\x{202f}]*suppl\.|[^)]{1,12})\))?,[\s\x{a0}\x{202f}]*)`)
)

// renumberedNamed: c is followed by its renumbering ("1382, devenu 1240,
// du code civil") and that names an instrument.
func renumberedNamed(text string, c Citation, named func(*citeRef) bool) bool {
	m := reCont.FindStringSubmatchIndex(text[c.End:])
	if m == nil || m[2] < 0 {
		return false
	}
	p := c.End + m[1]
	if p >= len(text) || !isDigit(text[p]) {
		return false
	}
	n, ok := parseChainAt(text, p, true)
	return ok && n.ref != nil && named(n.ref)
}

// continuation reads the citation that continues the list prev ends.
func continuation(text string, prev Citation) (Citation, bool) {
	if prev.ref == nil {
		return Citation{}, false
	}
	if prev.ref.scope == scopeStatute {
		m := reStatuteCont.FindStringSubmatchIndex(text[prev.End:])
		if m == nil {
			return Citation{}, false
		}
		s, e := prev.End+m[2], prev.End+m[3]
		r := &citeRef{scope: scopeStatute, instr: strings.TrimRight(text[s:e], ", ")}
		if ae := statuteElement(text, e, r); ae > 0 {
			return Citation{Start: s, End: ae, Kind: CiteArticle, ref: r}, true
		}
		return Citation{}, false
	}
	if len(prev.ref.arts) == 0 || prev.Kind != CiteArticle && prev.Kind != CiteRenvoi {
		return Citation{}, false
	}
	m := reCont.FindStringSubmatchIndex(text[prev.End:])
	if m == nil {
		return Citation{}, false
	}
	p := prev.End + m[1]
	if p >= len(text) || !isDigit(text[p]) && !(strings.ContainsRune("LRD", rune(text[p])) && p+1 < len(text) && (text[p+1] == '.' || isDigit(text[p+1]))) {
		return Citation{}, false
	}
	c, ok := parseChainAt(text, p, true)
	if !ok || c.ref == nil || len(c.ref.arts) == 0 {
		return Citation{}, false
	}
	renumbered := m[2] >= 0
	named := func(r *citeRef) bool { return r.scope != scopeNone && r.scope != scopeSelfArt }
	if !renumbered && named(prev.ref) && !named(c.ref) && renumberedNamed(text, c, named) {
		// "articles 2 du code de procédure pénale et 1382, devenu 1240,
		// du code civil": 1382 takes its code from its renumbering
		return c, true
	}
	if !renumbered && (!named(prev.ref) || !named(c.ref)) {
		return Citation{}, false
	}
	return c, true
}
