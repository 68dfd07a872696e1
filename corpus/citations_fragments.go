package corpus

import (
	"regexp"
	"strings"
)

// gluedArticle reports whether text[i] starts the keyword "article(s)"
// glued to the article word before it, as judilibre's extracts write
// "lesarticles 5 et 6", "desarticles", "auxarticles": the citation starts
// at the keyword.
func gluedArticle(text string, i int) bool {
	if i < 3 || text[i] != 'a' || !strings.HasPrefix(text[i:], "article") {
		return false
	}
	switch text[i-3 : i] {
	case "les", "des", "aux", "Les", "Des", "Aux":
	default:
		return false
	}
	return startOK(text, i-3)
}

// reChapFrag is a Canadian chapter code cut from its statute at the start
// of a fragment ("C-46, art. 120; 2007, ch. 13, art. 4", the end of "L.R.
// (1985), ch. C-46, art. 120"): a capital letter, a dash, a number.
var reChapFrag = regexp.MustCompile(`^[A-Z]-\d+(?:\.\d+)?,[\s\x{a0}\x{202f}]*`)

// chapFragAt: text[i] may start a chapter code reChapFrag reads.
func chapFragAt(text string, i int) bool {
	return i+3 < len(text) && text[i] >= 'A' && text[i] <= 'Z' && text[i+1] == '-' && isDigit(text[i+2])
}

// reDateTail is the date of an instrument named before it: "de la
// Constitution du 4 octobre 1958", "de la décision 2008/615/JAI du 23 juin
// 2008".
var reDateTail = regexp.MustCompile(`^[\s\x{a0}\x{202f}]*,?[\s\x{a0}\x{202f}]+du[\s\x{a0}\x{202f}]+` + dateRE)

// dateTail extends an instrument ending at e over its date.
func dateTail(text string, e int) int {
	if d := match(reDateTail, text, e); d > 0 {
		return d
	}
	return e
}

// reEUAct is an act of the European Union named by its number: "décision
// 2008/615/JAI", "directive 2011/36/UE", "règlement (UE) n° 2016/679",
// "règlement (UE) n° 1231/2010", "règlement (UE) 2016/679",
// "décision-cadre 2002/629/JAI".
var reEUAct = regexp.MustCompile(`^(?i:(?:la|le)[\s\x{a0}\x{202f}]+)?(?i:décision(?:-cadre)?|directive|règlement)(?:[\s\x{a0}\x{202f}]+(?i:d['’]exécution|délégué|déléguée))?(?:[\s\x{a0}\x{202f}]+\((?:UE|CE|CEE|Euratom)\))?(?:[\s\x{a0}\x{202f}]+(?:n[\s\x{a0}\x{202f}]?[°º]|nº|no\.?))?[\s\x{a0}\x{202f}]*(?:\d{2,4}/\d{1,4}/(?:JAI|UE|CE|CEE|PESC|Euratom)|\d{1,4}/\d{4}|\d{4}/\d{1,4})\b`)

// euAct reads an EU act named as an article's instrument into r: it is
// named, and no text of the corpus is it.
func euAct(text string, i int, r *citeRef) (int, bool) {
	m := reEUAct.FindStringIndex(text[i:])
	if m == nil {
		return -1, false
	}
	e := dateTail(text, i+m[1])
	r.scope, r.instr, r.work = scopeNamed, strings.Join(strings.Fields(text[i:e]), " "), ""
	return e, true
}

// reBareRun is the rest of a bare list of article numbers up to its
// instrument: ", 8 et 14 de" in "…, 6, 8 et 14 de la Convention".
var reBareRun = regexp.MustCompile(`^(?:,[\s\x{a0}]*\d{1,3}|,[\s\x{a0}]*[a-z]\)|[\s\x{a0}]+(?:et|ou)[\s\x{a0}]+\d{1,3})+[\s\x{a0}]+(?:de|du)[\s\x{a0}]`)

// bareItemStart: a bare article number at text[i] may be an item of a list
// whose keyword came before, after a comma or "et"/"ou" ("litige, 480 du
// code de procédure civile et 6 § 1 de la convention …"). Not a number
// inside another (an amount "1 500", a decimal "2,5"), nor a year.
func bareItemStart(text string, i int) bool {
	if bareListStart(text, i) || afterDevenu(text, i) {
		return true
	}
	j := i
	for j < len(text) && isDigit(text[j]) {
		j++
	}
	if j-i > 4 || j-i == 4 && text[i] != '0' && leadingInt(text[i:j]) >= 1800 {
		return false // a year or an amount
	}
	if j < len(text) && (text[j] == ',' || text[j] == '.') && j+1 < len(text) && isDigit(text[j+1]) {
		return false // "2,5", "1.500"
	}
	// the instrument follows: " du", " de", " §", ", §", after "et
	// suivants" when the list goes on ("170 et suivants, 206 du code")
	rest := text[followingTail(text, j):]
	if !(strings.HasPrefix(rest, " du ") || strings.HasPrefix(rest, " de ") || strings.HasPrefix(rest, " §") || strings.HasPrefix(rest, ", §") || strings.HasPrefix(rest, "\u00a0§") || match(reBareRun, rest, 0) > 0) {
		if k := strings.IndexAny(rest, " ,"); k < 0 || k > 12 || !strings.ContainsAny(rest[:k], "-.") {
			return false
		}
	}
	before := strings.TrimRight(text[max(0, i-8):i], " \u00a0")
	switch {
	case strings.HasSuffix(before, ","):
		before = strings.TrimRight(strings.TrimSuffix(before, ","), " \u00a0")
	case strings.HasSuffix(before, " et"), strings.HasSuffix(before, " ou"):
		before = strings.TrimRight(before[:len(before)-3], " \u00a0")
	default:
		return false
	}
	// "1 500, 480 du …", "12 mars 2010, 5 de …": a number before the
	// separator may be an amount or a date whose digits are not an
	// article list; but a paragraph sign makes the item an article even
	// after the year of an instrument's name ("…du citoyen de 1789 et 6 §
	// 1 de la Convention")
	if before != "" && isDigit(before[len(before)-1]) {
		wide := strings.TrimRight(text[max(0, i-32):i], " \u00a0,")
		wide = strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(wide, " et"), " ou"), " \u00a0")
		// or an instrument after the item: "…de l'enfant de 1989, 2 du
		// premier protocole additionnel"
		return reYearOfName.MatchString(wide) && (reSectionAfter.MatchString(rest) || strings.HasPrefix(rest, " du ") || strings.HasPrefix(rest, " de "))
	}
	return before != ""
}

var (
	// reSectionAfter: an article number's paragraph sign follows, " § 1".
	reSectionAfter = regexp.MustCompile(`^[\s\x{a0}]*,?[\s\x{a0}]*§[\s\x{a0}]*\d`)
	// reYearOfName: text ends with the year of a named instrument, "de 1789".
	reYearOfName = regexp.MustCompile(`(?:de|of|du)[\s\x{a0}]+1[6-9]\d\d$`)
)

// reCodeItem is an article number of a French code with its letter and
// dot, "R. 442-7", "L.621-2", "A. 123-4".
var reCodeItem = regexp.MustCompile(`^(?:L|LO|R|D|A)\.[\s\x{a0}\x{202f}]?\d+(?:-\d+)+`)

var (
	// reCodeItemPlain is a code's article number without a dash: "R. 17".
	reCodeItemPlain = regexp.MustCompile(`^(?:L|LO|R|D|A)\.[\s\x{a0}\x{202f}]?\d+\b`)
	// reCodeAfter: a code is named next, " du code".
	reCodeAfter = regexp.MustCompile(`^[\s\x{a0}\x{202f}]*,?[\s\x{a0}\x{202f}]+(?i:du|de[\s\x{a0}\x{202f}]+ce)[\s\x{a0}\x{202f}]+code\b`)
)

// codeItemStart: a code's article number with its prefix ("R. 442-7") at
// text[i] is the next item of a citation whose keyword came before: it
// follows "devenu" ("…, devenu R. 442-7, du code de l'urbanisme") or
// starts a fragment of a list (bareListStart).
func codeItemStart(text string, i int) bool {
	switch text[i] {
	case 'L', 'R', 'D', 'A':
	default:
		return false
	}
	if e := match(reCodeItem, text, i); e < 0 {
		// "R. 17 du code de procédure pénale": a number without a dash
		// when its code follows
		if e = match(reCodeItemPlain, text, i); e < 0 || match(reCodeAfter, text, e) < 0 {
			return false
		}
	}
	if bareListStart(text, i) {
		return true
	}
	return afterDevenu(text, i)
}

// afterDevenu: text[i] follows "devenu" (or "devenu l'article"), the new
// number of a renumbered article ("…, devenu R. 442-7, du code de
// l'urbanisme", "civil, devenu 1240 de ce code").
func afterDevenu(text string, i int) bool {
	before := strings.TrimRight(text[max(0, i-24):i], " \u00a0")
	before = strings.TrimRight(strings.TrimSuffix(before, "l'article"), " \u00a0")
	for _, w := range []string{" devenu", " devenue", " devenus", " devenues", "\ndevenu"} {
		if strings.HasSuffix(" "+before, w) {
			return true
		}
	}
	return false
}
