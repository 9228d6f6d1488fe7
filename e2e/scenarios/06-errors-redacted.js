'use strict';
module.exports = async function pending() {
	throw new Error('not written yet');
};
module.exports.title = '06-errors-redacted';
