// lextraite — amélioration progressive. La page se lit entièrement sans ce
// script : il écrit sous chaque article la référence à copier (à partir de
// son numéro, data-n, et du nom du texte porté par le formulaire), ajoute
// un bouton « Copier » à côté de chaque référence et suit d'office le
// renvoi vers la partie d'un long document qui contient l'article demandé
// (/doc/ID#art-499 → /doc/ID/art-499 → /doc/ID?partie=3#art-499).
(function () {
  "use strict";
  if (!document.querySelectorAll) return;
  var doc = document.querySelector("article.doc[data-split]");
  var follow = function () {
    var id = decodeURIComponent(location.hash.slice(1));
    if (doc && /^[a-z0-9-]+$/.test(id) && !document.getElementById(id)) {
      location.replace(doc.getAttribute("data-split") + id);
    }
  };
  follow();
  window.addEventListener("hashchange", follow);
  document.querySelectorAll("form[data-ref-pre]").forEach(function (f) {
    var pre = f.getAttribute("data-ref-pre"), post = f.getAttribute("data-ref-post");
    var withURL = f.hasAttribute("data-ref-link");
    f.querySelectorAll("article.prov[data-n]").forEach(function (a) {
      var text = pre + a.getAttribute("data-n") + post;
      var link = a.querySelector(".plink a");
      if (withURL && link) text += " — " + link.getAttribute("href");
      var p = document.createElement("p"), l = document.createElement("span"), r = document.createElement("span");
      p.className = "ref";
      p.lang = "fr";
      l.className = "ref-l";
      l.textContent = "Référence à copier :";
      r.className = "reftext";
      r.textContent = text;
      p.appendChild(l);
      p.appendChild(document.createTextNode(" "));
      p.appendChild(r);
      a.insertBefore(p, a.querySelector(".plink"));
    });
  });
  if (!navigator.clipboard) return;
  document.querySelectorAll(".reftext").forEach(function (ref) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "copy";
    b.textContent = "Copier";
    b.setAttribute("aria-label", "Copier la référence");
    b.addEventListener("click", function () {
      navigator.clipboard.writeText(ref.textContent).then(function () {
        b.textContent = "Copié";
        setTimeout(function () { b.textContent = "Copier"; }, 1500);
      });
    });
    ref.parentNode.insertBefore(b, ref.nextSibling);
  });
})();
