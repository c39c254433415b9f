// Draws the analytics line chart from the data attribute of its canvas (the CSP allows no inline script).
(function () {
	'use strict';
	var canvas = document.getElementById('analytics-chart');
	if (!canvas || typeof Chart === 'undefined') {
		return;
	}
	var data = JSON.parse(canvas.getAttribute('data-chart'));
	var chart = new Chart(canvas, {
		type: 'line',
		data: {
			labels: data.labels,
			datasets: [
				{ label: 'Conversations', data: data.conversations, borderColor: '#4f46e5', backgroundColor: '#4f46e5', tension: 0.2 },
				{ label: 'Leads', data: data.leads, borderColor: '#059669', backgroundColor: '#059669', tension: 0.2 }
			]
		},
		options: {
			animation: false,
			maintainAspectRatio: false,
			interaction: { mode: 'index', intersect: false },
			scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
		}
	});
	canvas.setAttribute('data-rendered', String(chart.data.labels.length));
})();
