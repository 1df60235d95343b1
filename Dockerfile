# The `setup` job of docker-compose.yml: the repository with its node_modules, so the idempotent
# ensure step (`npm run setup` = tsx scripts/start.ts --no-serve) runs exactly as `npm start` does.
# It is not the serving image: the replicas run the official directus/directus:11.17.4 image.
FROM node:22-bookworm

# The npm the lock file and `allowScripts` in package.json are made for (npm 11 runs only the
# install scripts listed there). bookworm has python3, make and g++ for native modules.
RUN npm install -g npm@11.19.1 --no-audit --no-fund \
 && mkdir -p /app/uploads \
 && chown -R node:node /app

# Same uid (1000) as the `node` user of the Directus image, which shares the uploads volume.
USER node
WORKDIR /app

COPY --chown=node:node package.json package-lock.json ./
COPY --chown=node:node scripts/postinstall.mjs scripts/postinstall.mjs
RUN npm ci --no-audit --no-fund

COPY --chown=node:node . .
RUN npm run build

ENV SKIP_BUILD=true
CMD ["npm", "run", "setup"]
