// The door's sound: one distinct tone pattern per colour, made here (no files to fetch).
let audio = null;
function beep(pattern) {
  try {
    audio = audio || new (window.AudioContext || window.webkitAudioContext)();
    let t = audio.currentTime;
    for (const [freq, ms] of pattern) {
      const osc = audio.createOscillator(),
        gain = audio.createGain();
      osc.frequency.value = freq;
      osc.connect(gain);
      gain.connect(audio.destination);
      gain.gain.setValueAtTime(0.25, t);
      osc.start(t);
      osc.stop(t + ms / 1000);
      t += ms / 1000 + 0.05;
    }
  } catch {
    /* no audio device: the colours still speak */
  }
}
const SOUNDS = {
  green: [
    [880, 120],
    [1320, 160],
  ],
  amber: [
    [660, 150],
    [660, 150],
  ],
  red: [[220, 450]],
  blue: [
    [520, 150],
    [780, 200],
  ],
  grey: [
    [300, 200],
    [300, 200],
  ],
};

// an answer's colour (an unknown one sounds as red)
export const sound = (color) => beep(SOUNDS[color] || SOUNDS.red);
