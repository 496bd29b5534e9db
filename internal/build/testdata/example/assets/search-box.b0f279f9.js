/* The search box of the list pages (see docs/search.md): shows the box,
   hidden in the page so that without JavaScript it is not there, and loads
   the search itself (search.js) only when the box is used. */
(function () {
  var form = document.getElementById('search');
  if (!form || !document.querySelector) return;
  var input = form.querySelector('input'), loaded = false;
  form.removeAttribute('hidden');
  function load() {
    if (loaded) return;
    loaded = true;
    var s = document.createElement('script');
    s.src = form.getAttribute('data-script');
    document.getElementsByTagName('head')[0].appendChild(s);
  }
  input.addEventListener('focus', load, false);
  input.addEventListener('input', load, false);
  form.addEventListener('submit', function (e) { e.preventDefault(); load(); }, false);
})();
