const { exec, execFile } = require("child_process");

exports.thumbnail = function thumbnail(input, size, done) {
  exec(`convert ${input} -resize ${size} thumb.png`, done);
};

exports.thumbnailSafely = function thumbnailSafely(input, size, done) {
  execFile("convert", [input, "-resize", String(size), "thumb.png"], done);
};

exports.archive = (dir) => new Promise((resolve, reject) => {
  exec("tar czf backup.tgz " + dir, (err) => (err ? reject(err) : resolve()));
});
