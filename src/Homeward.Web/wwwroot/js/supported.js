// Marks the page as able to run the NHS.UK frontend's JavaScript (as its template snippet does, without inline script).
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' nhsuk-frontend-supported' : '');
