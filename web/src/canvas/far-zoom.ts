/** Below this zoom, card texts are unreadable: the cards are drawn without them. */
export const farZoom = 0.4;
