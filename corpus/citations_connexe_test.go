package corpus

import "testing"

// TestResolveSkipsConnexe: a section of an amending act reproduced at the
// end of the Criminal Code (ProvisionConnexe, anchor
// "2014-ch-25-art-45-1--art-45-1") keeps that act's number 45.1; the
// code itself has no article 45.1, so "l’article 45.1" (a constructed
// citation string) cited in the code stays unresolved instead of pointing
// to the amending act's section.
func TestResolveSkipsConnexe(t *testing.T) {
	rep := realCorpus(t)
	rv := newResolver(rep.Documents, DefaultCatalog())
	for _, d := range rep.Documents {
		if d.ID != "ca-code-criminel" {
			continue
		}
		connexe := false
		for _, p := range d.Provisions {
			if p.Kind == ProvisionConnexe && p.Number == "45.1" {
				connexe = true
			}
			if p.Kind == "" && articleKey(p.Number) == "45-1" {
				t.Skip("le Code criminel a maintenant un article 45.1")
			}
		}
		if !connexe {
			t.Skip("plus de section connexe 45.1 dans le Code criminel")
		}
		p := &d.Provisions[0]
		cites := rv.text(d, p, "selon l’article 45.1 ; voir l’article 2", "fr")
		if len(cites) != 2 {
			t.Fatalf("citations %v", cites)
		}
		if cites[0].Target != "" {
			t.Errorf("%q → %q : une section connexe n'est pas un article du code", cites[0].Text, cites[0].Target)
		}
		if cites[1].Target != "ca-code-criminel/art-2" {
			t.Errorf("%q → %q, attendu ca-code-criminel/art-2", cites[1].Text, cites[1].Target)
		}
		return
	}
	t.Skip("pas de ca-code-criminel")
}

// TestLookupNamedStutter: a doubled preposition, a typo of the source
// (constructed strings), still names the catalog instrument when removing
// it gives one of its exact names; "de la" is no stutter.
func TestLookupNamedStutter(t *testing.T) {
	cat := DefaultCatalog()
	want := cat.Named("Convention des droits de l'homme")
	if want == nil {
		t.Skip("nom absent du catalogue")
	}
	if got := cat.lookupNamed("Convention de des droits de <em>l'homme</em>", false); got != want {
		t.Errorf("Convention de des droits de l'homme → %v, attendu %s", got, want.WorkID)
	}
	if got := cat.lookupNamed("Convention de des droits de la mer", false); got != nil {
		t.Errorf("Convention de des droits de la mer → %s, attendu rien", got.WorkID)
	}
}

// TestResolveConnexeSibling: in a section of an amending act reproduced
// with the Criminal Code (2023, ch. 26, art. 613), "articles 614 et 615"
// (a constructed citation string) are the sections of that same act.
func TestResolveConnexeSibling(t *testing.T) {
	rep := realCorpus(t)
	rv := newResolver(rep.Documents, DefaultCatalog())
	for _, d := range rep.Documents {
		if d.ID != "ca-code-criminel" {
			continue
		}
		var from *Provision
		ids := map[string]bool{}
		for i := range d.Provisions {
			p := &d.Provisions[i]
			if p.Kind == ProvisionConnexe && connexeAct(p.Anchor) == "2023-ch-26" {
				ids[p.ID] = true
				if p.Number == "613" {
					from = p
				}
			}
		}
		want := "ca-code-criminel/2023-ch-26-art-614--art-614"
		if from == nil || !ids[want] {
			t.Skip("plus de sections 613 et 614 de 2023, ch. 26 dans le Code criminel")
		}
		cites := rv.text(d, from, "les articles 614 et 615", "fr")
		if len(cites) != 1 || cites[0].Target != want {
			t.Fatalf("%v, attendu la cible %s", cites, want)
		}
		// from an article of the code itself, never
		cites = rv.text(d, &d.Provisions[0], "l’article 45.1", "fr")
		if len(cites) != 1 || cites[0].Target != "" {
			t.Errorf("%v, attendu non résolu", cites)
		}
		return
	}
	t.Skip("pas de ca-code-criminel")
}
