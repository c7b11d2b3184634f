/**
 * Model names as ml/ writes them into assets/models/index.json and the game accepts in `?model=`:
 * a bare lowercase name, so it can never be a path or a URL.
 */
export const MODEL_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;
