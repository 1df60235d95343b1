# The `setup` job of docker-compose.yml: the repository with its node_modules, so the idempotent
# ensure step (`npm run setup` = tsx scripts/start.ts --no-serve) runs exactly as `npm start` does.
# It is not the serving image: the replicas run the official directus/directus:11.17.4 image.
FROM node:22-bookworm

# pg_dump/pg_restore of the compose database's major version for `npm run backup` / `restore`
# (bookworm's own client is 15, and pg_dump refuses a newer server), from the PostgreSQL apt repository.
RUN install -d /usr/share/postgresql-common/pgdg \
 && curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc https://www.postgresql.org/media/keys/ACCC4CF8.asc \
 && echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt bookworm-pgdg main" > /etc/apt/sources.list.d/pgdg.list \
 && apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-16 \
 && rm -rf /var/lib/apt/lists/*

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
