// Dashboard behaviour that needs no framework: nav toggle, auto-submitting selects, copy buttons, confirmations.
(function () {
	'use strict';
	document.addEventListener('click', function (event) {
		var toggle = event.target.closest('[data-nav-toggle]');
		if (toggle) {
			var nav = document.getElementById(toggle.getAttribute('aria-controls'));
			var open = nav.classList.toggle('open');
			toggle.setAttribute('aria-expanded', String(open));
		}
		var copy = event.target.closest('[data-copy]');
		if (copy) {
			var source = document.getElementById(copy.getAttribute('data-copy'));
			var text = source.value !== undefined ? source.value : source.textContent;
			navigator.clipboard.writeText(text.trim()).then(function () {
				var label = copy.textContent;
				copy.textContent = 'Copied';
				setTimeout(function () { copy.textContent = label; }, 1500);
			});
		}
	});
	document.addEventListener('submit', function (event) {
		var message = event.target.getAttribute('data-confirm');
		if (message && !window.confirm(message)) {
			event.preventDefault();
		}
	});
	document.addEventListener('change', function (event) {
		if (event.target.matches('[data-autosubmit]')) {
			event.target.form.submit();
		}
	});
})();
